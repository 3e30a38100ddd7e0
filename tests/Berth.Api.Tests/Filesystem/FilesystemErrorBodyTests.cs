using Berth.Api.Tests.Protocol;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemErrorBodyTests(FilesystemRegistryFixture fixture) : ErrorBodyTests(fixture), IClassFixture<FilesystemRegistryFixture>;
