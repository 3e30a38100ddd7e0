namespace Berth.Interop.Tests.Fixtures;

/// <summary>Berth with its default storage: the filesystem driver in a temporary data directory.</summary>
public sealed class FilesystemBerthFixture : BerthRegistryFixture
{
    public override string Name => "berth (filesystem)";
}
