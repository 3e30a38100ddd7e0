using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsChunkedUploadTests(GcsRegistryFixture fixture) : ChunkedUploadTests(fixture), IClassFixture<GcsRegistryFixture>;
