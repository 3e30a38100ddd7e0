using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceReferrerTests(GlanceRegistryFixture fixture) : ReferrerTests(fixture), IClassFixture<GlanceRegistryFixture>;
