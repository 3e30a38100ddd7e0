using Berth.Storage.Configuration;
using Berth.Storage.Glance.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Glance.Tests;

/// <summary>Storage:Glance is bound and validated at start, and only when Storage:Driver selects it.</summary>
public sealed class GlanceOptionsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-glance-options-").FullName;

    [Fact]
    public void Options_WithGlanceSelectedAndNoEndpointNorKeystone_FailNamingEndpoint()
    {
        using var services = Build(new() { ["Storage:Driver"] = "glance" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GlanceStorageOptions>>().Value);

        Assert.Contains("Storage:Glance:Endpoint is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ForKeystoneWithoutCredentialsOrProject_FailNamingThem()
    {
        using var services = Build(new() { ["Storage:Driver"] = "glance", ["Storage:Glance:AuthUrl"] = "https://keystone:5000/v3" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GlanceStorageOptions>>().Value);

        Assert.Contains("Storage:Glance:Username and Storage:Glance:Password", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProjectName or ProjectId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Glance:Namespace", "has space", "Namespace")]
    [InlineData("Storage:Glance:ListPageSize", "5000", "ListPageSize")]
    [InlineData("Storage:Glance:Endpoint", "ftp://glance/", "Storage:Glance:Endpoint")]
    public void Options_WithAnInvalidValue_FailNamingIt(string key, string value, string named)
    {
        using var services = Build(new() { ["Storage:Driver"] = "glance", ["Storage:Glance:Endpoint"] = "http://127.0.0.1:9292", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GlanceStorageOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithAnEndpoint_AreValidAndSelectTheGlanceDriver()
    {
        using var services = Build(new() { ["Storage:Driver"] = "glance", ["Storage:Glance:Endpoint"] = "http://127.0.0.1:9292" });

        Assert.Equal("glance", services.GetRequiredService<IStorageDriver>().Name);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddStorage(configuration, _directory)
            .AddGlanceStorage(configuration)
            .BuildServiceProvider();
    }
}
