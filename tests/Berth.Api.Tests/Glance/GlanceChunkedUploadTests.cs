using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceChunkedUploadTests(GlanceRegistryFixture fixture) : ChunkedUploadTests(fixture), IClassFixture<GlanceRegistryFixture>;
