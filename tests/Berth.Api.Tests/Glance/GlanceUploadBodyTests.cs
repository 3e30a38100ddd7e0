using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceUploadBodyTests(GlanceRegistryFixture fixture) : UploadBodyTests(fixture), IClassFixture<GlanceRegistryFixture>;
