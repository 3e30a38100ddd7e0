using System.Runtime.Versioning;
using Berth.Index.Data;
using Berth.Index.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Keys;

/// <remarks>File modes are a Unix notion; Berth's CI and deployments are Linux.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed class SharedSigningKeysSqliteTests : SharedSigningKeysTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task IndexDatabase_HoldingKeysAndPasswordHashes_IsCreatedOwnerOnly()
    {
        var services = Node();
        await services.GetRequiredService<IndexInitializer>().InitializeAsync(bootstrap: true, default);
        await services.GetRequiredService<SigningKeyStore>().RotateAsync(default);

        var files = Directory.GetFiles(DataDirectory, "index.db*");
        Assert.Contains(Path.Combine(DataDirectory, "index.db"), files);
        Assert.All(files, f => Assert.Equal(OwnerOnly, File.GetUnixFileMode(f)));
        Assert.Empty(Directory.GetFiles(DataDirectory, "*", SearchOption.AllDirectories).Except(files));
    }

    [Fact]
    public async Task IndexDatabase_ReadableByOthers_IsNarrowedToOwnerOnlyAtStart()
    {
        var path = Path.Combine(DataDirectory, "index.db");
        await File.WriteAllBytesAsync(path, []);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var services = Node();
        await services.GetRequiredService<IndexInitializer>().InitializeAsync(bootstrap: true, default);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }
}
