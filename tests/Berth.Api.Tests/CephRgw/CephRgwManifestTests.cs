using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwManifestTests(CephRgwRegistryFixture fixture) : ManifestTests(fixture), IClassFixture<CephRgwRegistryFixture>;
