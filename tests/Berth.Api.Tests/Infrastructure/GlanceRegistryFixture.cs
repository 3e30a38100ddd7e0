using Berth.Testing;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>Berth with the Glance driver on the run's Glance, in a namespace of its own.</summary>
public sealed class GlanceRegistryFixture : RegistryFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => GlanceStorage.CreateNamespaceSettings();
}
