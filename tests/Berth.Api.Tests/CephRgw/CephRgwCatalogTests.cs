using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwCatalogTests(CephRgwRegistryFixture fixture) : CatalogTests(fixture), IClassFixture<CephRgwRegistryFixture>;
