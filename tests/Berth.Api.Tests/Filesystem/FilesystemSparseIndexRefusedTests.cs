using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Manifests;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemSparseIndexRefusedTests(FilesystemRegistryFixture fixture) : SparseIndexRefusedTests(fixture), IClassFixture<FilesystemRegistryFixture>;
