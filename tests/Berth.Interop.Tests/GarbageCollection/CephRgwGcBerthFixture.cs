using Berth.Testing;

namespace Berth.Interop.Tests.GarbageCollection;

/// <summary>The S3 driver on the run's Ceph RGW, in a bucket of its own.</summary>
public sealed class CephRgwGcBerthFixture : GcBerthFixture
{
    public override string Name => "berth (s3 on ceph rgw)";

    public override TimeSpan GracePeriod => TimeSpan.FromSeconds(3);

    protected override Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() => CephRgwStorage.CreateBucketSettingsAsync();
}
