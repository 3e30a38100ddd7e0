using Berth.Api.Tests.Blobs;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemBlobTests(FilesystemRegistryFixture fixture) : BlobTests(fixture), IClassFixture<FilesystemRegistryFixture>;
