using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceManifestTests(GlanceRegistryFixture fixture) : ManifestTests(fixture), IClassFixture<GlanceRegistryFixture>;
