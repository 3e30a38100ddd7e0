using Berth.Storage.Caching;
using Berth.Storage.Configuration;
using Berth.Storage.InMemory;
using Berth.Storage.Instrumentation;
using Berth.Storage.SharedReads;
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
    public void AddStorage_WithAnObjectStore_SharesReadsUnderTheCache_SpoolingInTheDataDirectory()
    {
        using var services = Build(new() { ["Storage:Driver"] = "objectstore" }, ObjectStoreWithPolicy);

        var driver = services.GetRequiredService<IStorageDriver>();

        Assert.IsType<CachingStorageDriver>(driver);
        Assert.IsType<SharingStorageDriver>(((IStorageDriverDecorator)driver).Inner);
        Assert.NotNull(driver.Unwrap<InstrumentedStorageDriver>());
        Assert.Equal(
            Path.Combine(Path.GetTempPath(), "temp", "shared-reads"),
            services.GetRequiredService<IOptions<SharedReadOptions>>().Value.SpoolDirectory);
    }

    [Theory]
    [InlineData("filesystem", "true")]
    [InlineData("inmemory", "true")]
    [InlineData("objectstore", "false")]
    public void AddStorage_OnLocalDrivers_OrTurnedOff_DoesNotShareReads(string name, string enabled)
    {
        using var services = Build(new() { ["Storage:Driver"] = name, ["Storage:SharedReads:Enabled"] = enabled }, ObjectStoreWithPolicy);

        Assert.Null(services.GetRequiredService<IStorageDriver>().Unwrap<SharingStorageDriver>());
    }

    [Theory]
    [InlineData("Storage:SharedReads:MaxSpoolBytes", "0", "MaxSpoolBytes")]
    [InlineData("Storage:SharedReads:MinBytes", "-1", "MinBytes")]
    [InlineData("Storage:SharedReads:SpoolDirectory", " ", "Storage:SharedReads:SpoolDirectory")]
    public void AddStorage_WithBadSharedReadSettings_FailsNamingTheKey(string key, string value, string named)
    {
        using var services = Build(new() { ["Storage:Driver"] = "objectstore", [key] = value }, ObjectStoreWithPolicy);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SharedReadOptions>>().Value);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStorage_WithAnUnknownDriver_FailsNamingIt()
    {
        using var services = Build(new() { ["Storage:Driver"] = "floppy" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStorageDriver>());
        Assert.Contains("'floppy'", error.Message, StringComparison.Ordinal);
    }

    private static void ObjectStoreWithPolicy(IServiceCollection services)
    {
        services.AddSingleton<IImmutablePathPolicy>(new PredicateImmutablePathPolicy(_ => true));
        services.AddStorageDriver("objectstore", _ => new InMemoryStorageDriver(TimeProvider.System));
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
