using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsBlobTests(GcsRegistryFixture fixture) : BlobTests(fixture), IClassFixture<GcsRegistryFixture>;
