using Berth.Api.Tests.Protocol;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemNameValidationTests(FilesystemRegistryFixture fixture) : NameValidationTests(fixture), IClassFixture<FilesystemRegistryFixture>;
