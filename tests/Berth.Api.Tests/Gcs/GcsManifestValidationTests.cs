using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Gcs;

public sealed class GcsManifestValidationTests(GcsRegistryFixture fixture) : ManifestValidationTests(fixture), IClassFixture<GcsRegistryFixture>;
