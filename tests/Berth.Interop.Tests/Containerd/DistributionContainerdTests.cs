using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Tools;

namespace Berth.Interop.Tests.Containerd;

public sealed class DistributionContainerdTests(DistributionFixture registry, ContainerdDaemon containerd)
    : ContainerdTests<DistributionFixture>(registry, containerd), IClassFixture<ContainerdDaemon>;
