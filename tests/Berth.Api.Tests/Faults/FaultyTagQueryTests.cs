using Berth.Api.Tests.Manifests;

namespace Berth.Api.Tests.Faults;

/// <summary>The TagQueryTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyTagQueryTests(FaultyRegistryFixture fixture) : TagQueryTests(fixture), IClassFixture<FaultyRegistryFixture>;
