using Berth.Api.Tests.Discovery;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Filesystem;

public sealed class FilesystemReferrerTests(FilesystemRegistryFixture fixture) : ReferrerTests(fixture), IClassFixture<FilesystemRegistryFixture>;
