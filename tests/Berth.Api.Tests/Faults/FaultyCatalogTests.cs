using Berth.Api.Tests.Discovery;

namespace Berth.Api.Tests.Faults;

/// <summary>The CatalogTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyCatalogTests(FaultyRegistryFixture fixture) : CatalogTests(fixture), IClassFixture<FaultyRegistryFixture>;
