using Berth.Storage.Configuration;
using Berth.Storage.Swift.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Swift.Tests;

/// <summary>Storage:Swift is bound and validated at start, and only when Storage:Driver selects it.</summary>
public sealed class SwiftOptionsValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-swift-options-").FullName;

    [Fact]
    public void Options_WithSwiftSelectedAndSettingsMissing_FailNamingEachMissingSetting()
    {
        using var services = Build(new() { ["Storage:Driver"] = "swift" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SwiftStorageOptions>>().Value);

        Assert.Contains("AuthUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("Username", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key", error.Message, StringComparison.Ordinal);
        Assert.Contains("Container", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ForKeystoneWithoutAProject_Fail()
    {
        using var services = Build(new()
        {
            ["Storage:Driver"] = "swift",
            ["Storage:Swift:AuthUrl"] = "https://keystone:5000/v3",
            ["Storage:Swift:AuthVersion"] = "3",
            ["Storage:Swift:Username"] = "berth",
            ["Storage:Swift:Key"] = "secret",
            ["Storage:Swift:Container"] = "registry",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SwiftStorageOptions>>().Value);

        Assert.Contains("ProjectName or ProjectId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Swift:AuthVersion", "2", "AuthVersion")]
    [InlineData("Storage:Swift:SegmentSize", "1024", "SegmentSize")]
    [InlineData("Storage:Swift:Prefix", "/absolute", "Prefix")]
    [InlineData("Storage:Swift:SegmentContainer", "registry", "SegmentContainer")]
    public void Options_WithAnInvalidValue_FailNamingIt(string key, string value, string named)
    {
        using var services = Build(new(ValidSwift()) { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SwiftStorageOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithAnotherDriverSelected_AreNotValidated()
    {
        using var services = Build(new() { ["Storage:Driver"] = "filesystem" });

        Assert.Null(services.GetRequiredService<IOptions<SwiftStorageOptions>>().Value.Container);
        Assert.Equal("filesystem", services.GetRequiredService<IStorageDriver>().Name);
    }

    [Fact]
    public void Driver_NamedSwift_IsTheOneResolvedWhenSelected()
    {
        using var services = Build(ValidSwift());

        Assert.Equal("swift", services.GetRequiredService<IStorageDriver>().Name);
        Assert.Equal("registry", services.GetRequiredService<IOptions<SwiftStorageOptions>>().Value.Container);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, string?> ValidSwift() => new()
    {
        ["Storage:Driver"] = "swift",
        ["Storage:Swift:AuthUrl"] = "http://127.0.0.1:8080/auth/v1.0",
        ["Storage:Swift:Username"] = "test:tester",
        ["Storage:Swift:Key"] = "testing",
        ["Storage:Swift:Container"] = "registry",
    };

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddStorage(configuration, _directory)
            .AddSwiftStorage(configuration)
            .BuildServiceProvider();
    }
}
