using Berth.Testing;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>Berth with the S3 driver on the run's Ceph RGW, in a bucket of its own.</summary>
public sealed class CephRgwRegistryFixture : RegistryFixture
{
    protected override Task<IReadOnlyDictionary<string, string?>> CreateSettingsAsync() => CephRgwStorage.CreateBucketSettingsAsync();
}
