using Berth.Api.Tests.Manifests;

namespace Berth.Api.Tests.Faults;

/// <summary>The ManifestValidationTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyManifestValidationTests(FaultyRegistryFixture fixture) : ManifestValidationTests(fixture), IClassFixture<FaultyRegistryFixture>;
