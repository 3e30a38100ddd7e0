using Berth.Storage.Configuration;
using Berth.Storage.Gcs.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Gcs.Tests;

/// <summary>Storage:Gcs is bound and validated at start, and only when Storage:Driver selects it.</summary>
public sealed class GcsOptionsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-gcs-options-").FullName;

    [Fact]
    public void Options_WithGcsSelectedAndNoBucket_FailNamingIt()
    {
        using var services = Build(new() { ["Storage:Driver"] = "gcs" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GcsStorageOptions>>().Value);

        Assert.Contains("Storage:Gcs:Bucket", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Gcs:ChunkSize", "1000000", "Storage:Gcs:ChunkSize")]
    [InlineData("Storage:Gcs:ChunkSize", "131072", "Storage:Gcs:ChunkSize")]
    [InlineData("Storage:Gcs:RootDirectory", "/absolute", "Storage:Gcs:RootDirectory")]
    [InlineData("Storage:Gcs:BaseUri", "ftp://emulator/", "Storage:Gcs:BaseUri")]
    [InlineData("Storage:Gcs:Authentication", "ServiceAccountFile", "Storage:Gcs:CredentialsFile is required")]
    [InlineData("Storage:Gcs:CredentialsFile", "/key.json", "Storage:Gcs:CredentialsFile is only read")]
    [InlineData("Storage:Gcs:RedirectGets", "true", "Storage:Gcs:RedirectGets")]
    [InlineData("Storage:Gcs:SignedUrlExpiry", "8.00:00:00", "Storage:Gcs:SignedUrlExpiry")]
    public void Options_WithAnInvalidValue_FailNamingIt(string key, string value, string named)
    {
        using var services = Build(new(ValidGcs()) { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GcsStorageOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithAMissingCredentialsFile_FailNamingTheFile()
    {
        using var services = Build(new(ValidGcs())
        {
            ["Storage:Gcs:Authentication"] = "ServiceAccountFile",
            ["Storage:Gcs:CredentialsFile"] = Path.Combine(_directory, "missing.json"),
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GcsStorageOptions>>().Value);

        Assert.Contains("missing.json' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ForTheEmulator_AreValidAndSelectTheGcsDriver()
    {
        using var services = Build(new(ValidGcs()));

        Assert.Equal("gcs", services.GetRequiredService<IStorageDriver>().Name);
    }

    [Fact]
    public void Options_WithAnotherDriverSelected_AreNotValidated()
    {
        using var services = Build(new() { ["Storage:Driver"] = "filesystem", ["Storage:Gcs:ChunkSize"] = "1" });

        Assert.Equal(1, services.GetRequiredService<IOptions<GcsStorageOptions>>().Value.ChunkSize);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, string?> ValidGcs() => new()
    {
        ["Storage:Driver"] = "gcs",
        ["Storage:Gcs:Bucket"] = "registry",
        ["Storage:Gcs:Authentication"] = "None",
        ["Storage:Gcs:BaseUri"] = "http://127.0.0.1:9199/",
    };

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddStorage(configuration, _directory);
        services.AddSingleton<IConfiguration>(configuration);
        return services.AddGcsStorage().BuildServiceProvider();
    }
}
