using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Skopeo;

/// <summary>Every skopeo round trip with the blobs pulled through 307 redirects to Ceph RGW (skopeo checks each digest).</summary>
public sealed class CephRgwRedirectBerthRoundTripTests(CephRgwRedirectBerthFixture registry) : BerthRoundTripTests<CephRgwRedirectBerthFixture>(registry);
