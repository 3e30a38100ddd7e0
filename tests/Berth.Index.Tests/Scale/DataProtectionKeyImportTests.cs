using Berth.Index.Data;
using Berth.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Scale;

/// <summary>Earlier versions kept the cookie keys in DATA/keys/data-protection: an upgrade must keep sessions valid.</summary>
public sealed class DataProtectionKeyImportTests
{
    [Fact]
    public async Task KeyFilesOfEarlierVersions_AreMovedIntoTheDatabase_AndStillReadWhatTheyProtected()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("berth-dp-").FullName;
        var keyDirectory = new DirectoryInfo(Path.Combine(dataDirectory, "keys", "data-protection"));
        string protectedByOldVersion;
        await using (var old = new ServiceCollection().AddDataProtection().SetApplicationName("berth").PersistKeysToFileSystem(keyDirectory).Services.BuildServiceProvider())
        {
            protectedByOldVersion = old.GetDataProtector("purpose").Protect("session");
        }

        Assert.Single(keyDirectory.GetFiles("*.xml"));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = new Dictionary<string, string?>(database.Settings) { ["Auth:Mode"] = "Token", ["Index:AdminPassword"] = "admin-secret-1", ["Index:BcryptWorkFactor"] = "4" };
        await using (var server = await BerthTestServer.StartAsync(settings, dataDirectory: dataDirectory))
        {
            Assert.Equal("session", server.Services.GetDataProtector("purpose").Unprotect(protectedByOldVersion));
            await using var db = server.Services.GetRequiredService<IndexDbContextFactory>().Create();
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        }

        Assert.False(keyDirectory.Exists, "the key files were left beside the database");
        Directory.Delete(dataDirectory, recursive: true);
    }
}
