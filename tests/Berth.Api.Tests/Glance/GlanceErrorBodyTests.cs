using Berth.Api.Tests.Protocol;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceErrorBodyTests(GlanceRegistryFixture fixture) : ErrorBodyTests(fixture), IClassFixture<GlanceRegistryFixture>;
