namespace Berth.Interop.Tests.GarbageCollection;

public sealed class FilesystemGcBerthFixture : GcBerthFixture
{
    public override string Name => "berth (filesystem)";

    public override TimeSpan GracePeriod => TimeSpan.FromSeconds(1);
}
