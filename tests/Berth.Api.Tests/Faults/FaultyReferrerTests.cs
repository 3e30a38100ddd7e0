using Berth.Api.Tests.Discovery;

namespace Berth.Api.Tests.Faults;

/// <summary>The ReferrerTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyReferrerTests(FaultyRegistryFixture fixture) : ReferrerTests(fixture), IClassFixture<FaultyRegistryFixture>;
