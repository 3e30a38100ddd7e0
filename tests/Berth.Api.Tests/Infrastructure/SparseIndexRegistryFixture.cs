namespace Berth.Api.Tests.Infrastructure;

/// <summary>Berth on the filesystem with sparse indexes allowed and garbage collection that keeps nothing for its grace period.</summary>
public sealed class SparseIndexRegistryFixture : RegistryFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Registry:Manifests:AllowSparseIndexes"] = "true",
        ["GarbageCollection:Enabled"] = "false",
        ["GarbageCollection:GracePeriod"] = "00:00:00",
        ["GarbageCollection:UntaggedManifestAge"] = "00:00:00",
        ["GarbageCollection:LeaseSettleTime"] = "00:00:00",
    };
}
