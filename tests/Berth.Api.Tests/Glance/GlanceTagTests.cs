using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceTagTests(GlanceRegistryFixture fixture) : TagTests(fixture), IClassFixture<GlanceRegistryFixture>;
