using Berth.Api.Tests.Discovery;

namespace Berth.Api.Tests.Faults;

/// <summary>The TagTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyTagTests(FaultyRegistryFixture fixture) : TagTests(fixture), IClassFixture<FaultyRegistryFixture>;
