using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceBlobRangeTests(GlanceRegistryFixture fixture) : BlobRangeTests(fixture), IClassFixture<GlanceRegistryFixture>;
