using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Podman;

public sealed class CephRgwBerthPodmanTests(CephRgwBerthFixture registry) : PodmanTests<CephRgwBerthFixture>(registry);
