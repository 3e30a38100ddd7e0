using Berth.Storage.Caching;
using Berth.Storage.Configuration;
using Berth.Storage.InMemory;
using Berth.Storage.Instrumentation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Tests.Decorators;

public sealed class StorageRegistrationTests
{
    [Fact]
    public void AddStorage_WrapsTheSelectedDriverInTheValidatingMeteredDecorator()
    {
        using var services = Build(new() { ["Storage:Driver"] = "inmemory" });

        var driver = services.GetRequiredService<IStorageDriver>();

        Assert.IsType<InstrumentedStorageDriver>(driver);
        Assert.NotNull(driver.Unwrap<InMemoryStorageDriver>());
    }

    [Fact]
    public void AddStorage_WithAnImmutablePathPolicy_AddsTheCacheOutermost()
    {
        using var services = Build(new() { ["Storage:Driver"] = "inmemory" }, s => s.AddSingleton<IImmutablePathPolicy>(new PredicateImmutablePathPolicy(_ => true)));

        var driver = services.GetRequiredService<IStorageDriver>();

        Assert.IsType<CachingStorageDriver>(driver);
        Assert.NotNull(driver.Unwrap<InstrumentedStorageDriver>());
    }

    [Fact]
    public void AddStorage_WithTheCacheSizedZero_LeavesTheCacheOut()
    {
        using var services = Build(
            new() { ["Storage:Driver"] = "inmemory", ["Storage:Cache:MaxBytes"] = "0" },
            s => s.AddSingleton<IImmutablePathPolicy>(new PredicateImmutablePathPolicy(_ => true)));

        Assert.IsType<InstrumentedStorageDriver>(services.GetRequiredService<IStorageDriver>());
    }

    [Fact]
    public void AddStorage_WithAnUnknownDriver_FailsNamingIt()
    {
        using var services = Build(new() { ["Storage:Driver"] = "floppy" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStorageDriver>());
        Assert.Contains("'floppy'", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddStorage(configuration, Path.GetTempPath());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
