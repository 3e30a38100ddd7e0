using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Uploads;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwUploadRaceTests(CephRgwRegistryFixture fixture) : UploadRaceTests(fixture), IClassFixture<CephRgwRegistryFixture>;
