using Berth.Api.Tests.Manifests;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemManifestValidationTests(FilesystemRegistryFixture fixture) : ManifestValidationTests(fixture), IClassFixture<FilesystemRegistryFixture>;
