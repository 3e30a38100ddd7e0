using Berth.Api.Tests.Manifests;

namespace Berth.Api.Tests.Faults;

/// <summary>The ManifestTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyManifestTests(FaultyRegistryFixture fixture) : ManifestTests(fixture), IClassFixture<FaultyRegistryFixture>;
