using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwReferrerTests(CephRgwRegistryFixture fixture) : ReferrerTests(fixture), IClassFixture<CephRgwRegistryFixture>;
