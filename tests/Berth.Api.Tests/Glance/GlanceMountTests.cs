using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceMountTests(GlanceRegistryFixture fixture) : MountTests(fixture), IClassFixture<GlanceRegistryFixture>;
