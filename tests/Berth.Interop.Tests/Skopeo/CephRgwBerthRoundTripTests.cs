using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Skopeo;

public sealed class CephRgwBerthRoundTripTests(CephRgwBerthFixture registry) : BerthRoundTripTests<CephRgwBerthFixture>(registry);
