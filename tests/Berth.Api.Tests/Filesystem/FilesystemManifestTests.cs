using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemManifestTests(FilesystemRegistryFixture fixture) : ManifestTests(fixture), IClassFixture<FilesystemRegistryFixture>;
