using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwChunkedUploadTests(CephRgwRegistryFixture fixture) : ChunkedUploadTests(fixture), IClassFixture<CephRgwRegistryFixture>;
