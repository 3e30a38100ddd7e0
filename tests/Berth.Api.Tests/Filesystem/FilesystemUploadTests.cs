using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemUploadTests(FilesystemRegistryFixture fixture) : UploadTests(fixture), IClassFixture<FilesystemRegistryFixture>;
