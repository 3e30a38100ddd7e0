using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsManifestTests(GcsRegistryFixture fixture) : ManifestTests(fixture), IClassFixture<GcsRegistryFixture>;
