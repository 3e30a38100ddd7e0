using Berth.Testing;

namespace Berth.Interop.Tests.Fixtures;

/// <summary>Berth with the GCS driver on the run's GCS emulator (scripts/test-services/gcs.sh), in a bucket of its own.</summary>
public sealed class GcsBerthFixture : BerthRegistryFixture
{
    public override string Name => "berth (gcs on the emulator)";

    protected override IReadOnlyDictionary<string, string?> Settings => GcsStorage.CreateBucketSettings();
}
