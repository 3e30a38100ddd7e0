using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwMountTests(CephRgwRegistryFixture fixture) : MountTests(fixture), IClassFixture<CephRgwRegistryFixture>;
