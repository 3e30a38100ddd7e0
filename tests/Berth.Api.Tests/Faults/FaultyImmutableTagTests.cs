using Berth.Api.Tests.Policies;

namespace Berth.Api.Tests.Faults;

/// <summary>The ImmutableTagTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyImmutableTagTests(FaultyRegistryFixture fixture) : ImmutableTagTests(fixture), IClassFixture<FaultyRegistryFixture>;
