using Berth.Api.Tests.Uploads;

namespace Berth.Api.Tests.Faults;

/// <summary>The UploadTests suite over a store that fails, times out and slows calls (<see cref="FaultyRegistryFixture"/>).</summary>
public sealed class FaultyUploadTests(FaultyRegistryFixture fixture) : UploadTests(fixture), IClassFixture<FaultyRegistryFixture>;
