using Berth.Interop.Tests.Fixtures;

namespace Berth.Interop.Tests.Skopeo;

public sealed class FilesystemBerthRoundTripTests(FilesystemBerthFixture registry) : BerthRoundTripTests<FilesystemBerthFixture>(registry);
