using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwUploadBodyTests(CephRgwRegistryFixture fixture) : UploadBodyTests(fixture), IClassFixture<CephRgwRegistryFixture>;
