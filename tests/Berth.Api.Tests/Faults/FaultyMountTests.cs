using Berth.Api.Tests.Uploads;

namespace Berth.Api.Tests.Faults;

/// <summary>The MountTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyMountTests(FaultyRegistryFixture fixture) : MountTests(fixture), IClassFixture<FaultyRegistryFixture>;
