namespace Berth.Client.Tests;

/// <summary>The client contract against CNCF distribution 2.8, the reference registry.</summary>
public sealed class DistributionRegistryClientTests(DistributionRegistryFixture registry)
    : RegistryClientContract, IClassFixture<DistributionRegistryFixture>
{
    protected override Uri RegistryAddress => registry.BaseAddress;
}
