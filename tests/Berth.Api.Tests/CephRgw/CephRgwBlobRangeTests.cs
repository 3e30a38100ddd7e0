using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwBlobRangeTests(CephRgwRegistryFixture fixture) : BlobRangeTests(fixture), IClassFixture<CephRgwRegistryFixture>;
