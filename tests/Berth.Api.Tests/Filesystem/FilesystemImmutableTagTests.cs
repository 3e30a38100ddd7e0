using Berth.Api.Tests.Infrastructure;
using Berth.Api.Tests.Policies;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemImmutableTagTests(FilesystemRegistryFixture fixture) : ImmutableTagTests(fixture), IClassFixture<FilesystemRegistryFixture>;
