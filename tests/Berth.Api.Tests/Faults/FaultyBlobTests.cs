using Berth.Api.Tests.Blobs;

namespace Berth.Api.Tests.Faults;

/// <summary>The BlobTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyBlobTests(FaultyRegistryFixture fixture) : BlobTests(fixture), IClassFixture<FaultyRegistryFixture>;
