using Berth.Testing;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>Berth with the GCS driver on the run's GCS emulator, in a bucket of its own.</summary>
public sealed class GcsRegistryFixture : RegistryFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => GcsStorage.CreateBucketSettings();
}
