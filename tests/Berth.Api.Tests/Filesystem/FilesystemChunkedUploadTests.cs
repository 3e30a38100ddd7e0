using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemChunkedUploadTests(FilesystemRegistryFixture fixture) : ChunkedUploadTests(fixture), IClassFixture<FilesystemRegistryFixture>;
