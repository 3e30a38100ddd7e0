using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Uploads;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemUploadBodyTests(FilesystemRegistryFixture fixture) : UploadBodyTests(fixture), IClassFixture<FilesystemRegistryFixture>;
