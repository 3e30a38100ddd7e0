using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Manifests;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemSparseIndexAllowedTests(SparseIndexRegistryFixture fixture) : SparseIndexAllowedTests(fixture), IClassFixture<SparseIndexRegistryFixture>;
