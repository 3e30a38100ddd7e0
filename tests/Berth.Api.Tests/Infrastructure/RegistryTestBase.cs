namespace Berth.Api.Tests.Infrastructure;

/// <summary>Base of every API suite: a client on the fixture's server and unique repository names per test.</summary>
public abstract class RegistryTestBase : IDisposable
{
    protected RegistryTestBase(RegistryFixture fixture)
    {
        Fixture = fixture;
        Registry = fixture.CreateClient();
    }

    protected RegistryFixture Fixture { get; }

    protected RegistryClient Registry { get; }

    /// <summary>A repository name no other test uses, e.g. "blobs/get-3f9a1c0d2b".</summary>
    protected static string NewRepository(string prefix = "repo") => $"{prefix}/t-{Guid.NewGuid().ToString("N")[..12]}";

    public void Dispose()
    {
        Registry.Dispose();
        GC.SuppressFinalize(this);
    }
}
