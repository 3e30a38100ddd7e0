using Berth.Api.Tests.Protocol;

namespace Berth.Api.Tests.Faults;

/// <summary>The ErrorBodyTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyErrorBodyTests(FaultyRegistryFixture fixture) : ErrorBodyTests(fixture), IClassFixture<FaultyRegistryFixture>;
