using Berth.Api.Tests.Blobs;

namespace Berth.Api.Tests.Faults;

/// <summary>The BlobRangeTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyBlobRangeTests(FaultyRegistryFixture fixture) : BlobRangeTests(fixture), IClassFixture<FaultyRegistryFixture>;
