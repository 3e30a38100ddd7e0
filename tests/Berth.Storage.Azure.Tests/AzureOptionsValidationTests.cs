using Azure.Storage.Blobs;
using Berth.Storage.Azure.Configuration;
using Berth.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Azure.Tests;

/// <summary>Storage:Azure is bound and validated at start, and only when Storage:Driver selects it.</summary>
public sealed class AzureOptionsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-azure-options-").FullName;

    [Fact]
    public void Options_WithAzureSelectedAndNoCredentials_FailSayingWhatToSet()
    {
        using var services = Build(new() { ["Storage:Driver"] = "azure", ["Storage:Azure:Container"] = "registry" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageOptions>>().Value);

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccountName and AccountKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Azure:Container", "Bad_Name", "Container")]
    [InlineData("Storage:Azure:Container", "", "Container")]
    [InlineData("Storage:Azure:StagingContainer", "registry", "StagingContainer")]
    [InlineData("Storage:Azure:BlockSize", "1000", "BlockSize")]
    [InlineData("Storage:Azure:Prefix", "/absolute", "Prefix")]
    [InlineData("Storage:Azure:AccountName", "devstoreaccount1", "either ConnectionString")]
    public void Options_WithAnInvalidValue_FailNamingIt(string key, string value, string named)
    {
        using var services = Build(new(ValidAzure()) { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithAnotherDriverSelected_AreNotValidated()
    {
        using var services = Build(new() { ["Storage:Driver"] = "filesystem" });

        Assert.Null(services.GetRequiredService<IOptions<AzureStorageOptions>>().Value.Container);
        Assert.Equal("filesystem", services.GetRequiredService<IStorageDriver>().Name);
    }

    [Fact]
    public async Task Driver_ConfiguredWithAccountNameKeyAndEndpoint_WorksAgainstAzurite()
    {
        var connection = new BlobServiceClient(AzureTestEnvironment.ConnectionString);
        var key = AzureTestEnvironment.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        using var services = Build(new()
        {
            ["Storage:Driver"] = "azure",
            ["Storage:Azure:AccountName"] = connection.AccountName,
            ["Storage:Azure:AccountKey"] = key,
            ["Storage:Azure:BlobEndpoint"] = connection.Uri.AbsoluteUri,
            ["Storage:Azure:Container"] = AzureTestEnvironment.Container,
            ["Storage:Azure:Prefix"] = "account-key-" + Guid.NewGuid().ToString("N")[..8],
        });
        var driver = services.GetRequiredService<IStorageDriver>();
        Assert.Equal("azure", driver.Name);

        await driver.PutContentAsync("/object", new byte[] { 3, 1, 4 }, CancellationToken.None);
        Assert.Equal(new byte[] { 3, 1, 4 }, await driver.GetContentAsync("/object", CancellationToken.None));
        await driver.DeleteAsync("/object", CancellationToken.None);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => driver.StatAsync("/object", CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, string?> ValidAzure() => new()
    {
        ["Storage:Driver"] = "azure",
        ["Storage:Azure:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Storage:Azure:Container"] = "registry",
    };

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddStorage(configuration, _directory)
            .AddAzureStorage(configuration)
            .BuildServiceProvider();
    }
}
