using Berth.Testing;

namespace Berth.Interop.Tests.Fixtures;

/// <summary>Berth on the run's Ceph RGW answering blob GETs with 307 redirects to presigned URLs (Storage:S3:RedirectGets).</summary>
public sealed class CephRgwRedirectBerthFixture : BerthRegistryFixture
{
    public override string Name => "berth (s3 on ceph rgw, blob GETs redirected)";

    protected override async Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() =>
        new Dictionary<string, string?>(await CephRgwStorage.CreateBucketSettingsAsync()) { ["Storage:S3:RedirectGets"] = "true" };
}
