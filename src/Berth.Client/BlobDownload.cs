namespace Berth.Client;

/// <summary>An open blob response: read <see cref="Content"/> as a stream, then dispose to release the connection.</summary>
public sealed class BlobDownload : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;

    internal BlobDownload(HttpResponseMessage response, Stream content)
    {
        _response = response;
        Content = content;
    }

    public Stream Content { get; }

    /// <summary>Where the bytes came from: the registry's URL, or where it redirected the request (a presigned URL on its store).</summary>
    public Uri? Source => _response.RequestMessage?.RequestUri;

    public long? Length => _response.Content.Headers.ContentLength;

    public string? Digest =>
        _response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        _response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }
}
