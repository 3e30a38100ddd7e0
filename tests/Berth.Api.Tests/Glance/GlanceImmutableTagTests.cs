using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Policies;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceImmutableTagTests(GlanceRegistryFixture fixture) : ImmutableTagTests(fixture), IClassFixture<GlanceRegistryFixture>;
