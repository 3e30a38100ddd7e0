using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Protocol;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemLineBreakTests(FilesystemRegistryFixture fixture) : LineBreakTests(fixture), IClassFixture<FilesystemRegistryFixture>;
