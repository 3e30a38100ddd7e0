namespace Berth.Client.Tests;

/// <summary>The client contract against Berth itself.</summary>
public sealed class BerthRegistryClientTests(BerthRegistryFixture registry)
    : RegistryClientContract, IClassFixture<BerthRegistryFixture>
{
    protected override Uri RegistryAddress => registry.Server.BaseAddress;
}
