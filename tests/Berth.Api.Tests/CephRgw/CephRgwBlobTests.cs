using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.CephRgw;

public sealed class CephRgwBlobTests(CephRgwRegistryFixture fixture) : BlobTests(fixture), IClassFixture<CephRgwRegistryFixture>;
