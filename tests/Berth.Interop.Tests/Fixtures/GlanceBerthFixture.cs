using Berth.Testing;

namespace Berth.Interop.Tests.Fixtures;

/// <summary>Berth with the Glance driver on the run's Glance (scripts/test-services/glance.sh), in a namespace of its own.</summary>
public sealed class GlanceBerthFixture : BerthRegistryFixture
{
    public override string Name => "berth (glance)";

    protected override IReadOnlyDictionary<string, string?> Settings => GlanceStorage.CreateNamespaceSettings();
}
