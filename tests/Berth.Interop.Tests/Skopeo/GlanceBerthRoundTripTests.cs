using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Skopeo;

public sealed class GlanceBerthRoundTripTests(GlanceBerthFixture registry) : BerthRoundTripTests<GlanceBerthFixture>(registry);
