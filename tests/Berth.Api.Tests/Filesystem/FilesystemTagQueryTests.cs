using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Manifests;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemTagQueryTests(FilesystemRegistryFixture fixture) : TagQueryTests(fixture), IClassFixture<FilesystemRegistryFixture>;
