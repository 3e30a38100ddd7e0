using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Uploads;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemUploadRaceTests(FilesystemRegistryFixture fixture) : UploadRaceTests(fixture), IClassFixture<FilesystemRegistryFixture>;
