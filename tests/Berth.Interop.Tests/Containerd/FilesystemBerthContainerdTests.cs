using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Containerd;

public sealed class FilesystemBerthContainerdTests(FilesystemBerthFixture registry, ContainerdDaemon containerd)
    : ContainerdTests<FilesystemBerthFixture>(registry, containerd), IClassFixture<ContainerdDaemon>;
