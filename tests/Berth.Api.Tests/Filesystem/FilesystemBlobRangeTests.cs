using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemBlobRangeTests(FilesystemRegistryFixture fixture) : BlobRangeTests(fixture), IClassFixture<FilesystemRegistryFixture>;
