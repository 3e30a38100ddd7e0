using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemCatalogTests(FilesystemRegistryFixture fixture) : CatalogTests(fixture), IClassFixture<FilesystemRegistryFixture>;
