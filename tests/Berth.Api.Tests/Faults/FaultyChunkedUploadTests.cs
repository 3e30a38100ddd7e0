using Berth.Api.Tests.Uploads;

namespace Berth.Api.Tests.Faults;

/// <summary>The ChunkedUploadTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyChunkedUploadTests(FaultyRegistryFixture fixture) : ChunkedUploadTests(fixture), IClassFixture<FaultyRegistryFixture>;
