using System.Net;
using Berth.Client;
using Berth.Registry.Content;
using Berth.Registry.Names;
using Microsoft.Extensions.Options;

namespace Berth.Mirror.Upstream;

/// <summary>
/// The mirrored registry, through <see cref="RegistryClient"/> (which answers Basic and Bearer token challenges and
/// caches tokens per scope). "Not there" comes back as null; every other failure as <see cref="UpstreamUnreachableException"/>.
/// </summary>
internal sealed class UpstreamRegistry : IDisposable
{
    /// <summary>The named client of the upstream's transport: retries on transient failures (MirrorServiceCollectionExtensions).</summary>
    public const string HttpClientName = "berth-mirror-upstream";

    private readonly RegistryClient _client;
    private readonly bool _libraryPrefix;

    public UpstreamRegistry(IOptions<MirrorOptions> options, IHttpMessageHandlerFactory transports, TimeProvider time)
    {
        var mirror = options.Value;
        Address = mirror.Upstream ?? throw new InvalidOperationException("Mirror:Upstream is not set.");
        _libraryPrefix = mirror.UsesLibraryPrefix;
        _client = RegistryClient.Create(
            new RegistryClientOptions
            {
                BaseAddress = Address,
                Username = mirror.Username,
                Password = mirror.Password,
                Timeout = mirror.UpstreamTimeout,
            },
            transports.CreateHandler(HttpClientName),
            time);
    }

    public Uri Address { get; }

    /// <summary>The name upstream: Docker Hub keeps its official images under library/.</summary>
    public string RemoteName(RepositoryName name) =>
        _libraryPrefix && !name.Value.Contains('/', StringComparison.Ordinal) ? "library/" + name.Value : name.Value;

    public Task<ManifestInfo?> HeadManifestAsync(RepositoryName name, string reference, CancellationToken cancellationToken) =>
        CallAsync(() => _client.HeadManifestAsync(RemoteName(name), reference, cancellationToken), cancellationToken);

    public Task<ManifestResponse?> GetManifestAsync(RepositoryName name, string reference, CancellationToken cancellationToken) =>
        CallAsync<ManifestResponse?>(async () => await _client.GetManifestAsync(RemoteName(name), reference, cancellationToken), cancellationToken);

    /// <summary>The blob's length upstream (-1 when not told), or null when the upstream does not have it.</summary>
    public Task<long?> GetBlobLengthAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken) =>
        CallAsync(() => _client.GetBlobLengthAsync(RemoteName(name), digest.ToString(), cancellationToken), cancellationToken);

    public Task<BlobDownload?> GetBlobAsync(RepositoryName name, Digest digest, CancellationToken cancellationToken) =>
        CallAsync<BlobDownload?>(async () => await _client.GetBlobAsync(RemoteName(name), digest.ToString(), cancellationToken), cancellationToken);

    public void Dispose() => _client.Dispose();

    private async Task<T?> CallAsync<T>(Func<Task<T?>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (RegistryClientException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
        catch (RegistryClientException e)
        {
            throw new UpstreamUnreachableException($"{Address} answered: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new UpstreamUnreachableException($"{Address} is unreachable: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamUnreachableException($"{Address} did not answer in time.", e);
        }
    }
}
