using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Glance;

public sealed class GlanceManifestValidationTests(GlanceRegistryFixture fixture) : ManifestValidationTests(fixture), IClassFixture<GlanceRegistryFixture>;
