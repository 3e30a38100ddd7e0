using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwManifestValidationTests(CephRgwRegistryFixture fixture) : ManifestValidationTests(fixture), IClassFixture<CephRgwRegistryFixture>;
