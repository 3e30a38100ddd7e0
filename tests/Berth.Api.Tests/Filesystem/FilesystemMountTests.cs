using Berth.Api.Tests.Uploads;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemMountTests(FilesystemRegistryFixture fixture) : MountTests(fixture), IClassFixture<FilesystemRegistryFixture>;
