using Berth.Testing;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>Berth on the run's Ceph RGW with blob GETs redirected to presigned URLs (Storage:S3:RedirectGets), expiring after <see cref="PresignExpiry"/>.</summary>
public sealed class CephRgwRedirectRegistryFixture : RegistryFixture
{
    public static readonly TimeSpan PresignExpiry = TimeSpan.FromMinutes(7);

    /// <summary>A client that shows the registry's redirects instead of following them.</summary>
    public HttpClient CreateNonFollowingClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Server.BaseAddress };

    protected override async Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() =>
        new Dictionary<string, string?>(await CephRgwStorage.CreateBucketSettingsAsync())
        {
            ["Storage:S3:RedirectGets"] = "true",
            ["Storage:S3:PresignExpiry"] = PresignExpiry.ToString(),
        };
}
