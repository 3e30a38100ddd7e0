namespace Berth.Api.Tests.Infrastructure;

/// <summary>Berth with its default storage: the filesystem driver in the fixture's data directory.</summary>
public sealed class FilesystemRegistryFixture : RegistryFixture
{
}
