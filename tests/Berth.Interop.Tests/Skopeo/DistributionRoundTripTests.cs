using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Skopeo;

/// <summary>The same round trips against the reference registry: proves the harness, and that Berth matches it.</summary>
public sealed class DistributionRoundTripTests(DistributionFixture registry) : RegistryRoundTripTests<DistributionFixture>(registry);
