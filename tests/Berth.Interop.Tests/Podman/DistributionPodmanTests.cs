using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Podman;

public sealed class DistributionPodmanTests(DistributionFixture registry) : PodmanTests<DistributionFixture>(registry);
