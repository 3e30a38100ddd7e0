using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemTagTests(FilesystemRegistryFixture fixture) : TagTests(fixture), IClassFixture<FilesystemRegistryFixture>;
