using Berth.Api.Tests.Protocol;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwErrorBodyTests(CephRgwRegistryFixture fixture) : ErrorBodyTests(fixture), IClassFixture<CephRgwRegistryFixture>;
