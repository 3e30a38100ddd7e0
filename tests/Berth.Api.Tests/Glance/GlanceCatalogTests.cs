using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceCatalogTests(GlanceRegistryFixture fixture) : CatalogTests(fixture), IClassFixture<GlanceRegistryFixture>;
