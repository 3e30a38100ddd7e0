using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceBlobTests(GlanceRegistryFixture fixture) : BlobTests(fixture), IClassFixture<GlanceRegistryFixture>;
