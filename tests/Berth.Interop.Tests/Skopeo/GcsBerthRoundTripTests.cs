using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Skopeo;

public sealed class GcsBerthRoundTripTests(GcsBerthFixture registry) : BerthRoundTripTests<GcsBerthFixture>(registry);
