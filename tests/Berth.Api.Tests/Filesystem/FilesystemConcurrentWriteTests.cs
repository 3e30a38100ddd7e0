using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Manifests;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemConcurrentWriteTests(FilesystemRegistryFixture fixture) : ConcurrentWriteTests(fixture), IClassFixture<FilesystemRegistryFixture>;
