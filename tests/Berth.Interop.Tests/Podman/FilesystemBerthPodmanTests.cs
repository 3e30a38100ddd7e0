using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Podman;

public sealed class FilesystemBerthPodmanTests(FilesystemBerthFixture registry) : PodmanTests<FilesystemBerthFixture>(registry);
