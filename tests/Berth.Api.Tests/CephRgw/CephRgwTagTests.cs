using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwTagTests(CephRgwRegistryFixture fixture) : TagTests(fixture), IClassFixture<CephRgwRegistryFixture>;
