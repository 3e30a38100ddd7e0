using Berth.Testing;

namespace Berth.Interop.Tests.Fixtures;

/// <summary>Berth with the S3 driver on the run's Ceph RGW (scripts/test-services/ceph-rgw.sh), in a bucket of its own.</summary>
public sealed class CephRgwBerthFixture : BerthRegistryFixture
{
    public override string Name => "berth (s3 on ceph rgw)";

    protected override Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() => CephRgwStorage.CreateBucketSettingsAsync();
}
