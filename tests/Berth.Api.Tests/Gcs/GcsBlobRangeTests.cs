using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsBlobRangeTests(GcsRegistryFixture fixture) : BlobRangeTests(fixture), IClassFixture<GcsRegistryFixture>;
