using Berth.Registry.Blobs;
using Berth.Registry.Catalog;
using Berth.Registry.GarbageCollection;
using Berth.Registry.Manifests;
using Berth.Registry.Policies;
using Berth.Registry.Referrers;
using Berth.Registry.Repositories;
using Berth.Registry.Tags;
using Berth.Registry.Uploads;
using Berth.Storage;
using Berth.Storage.Filesystem;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Registry.Tests;

/// <summary>The registry's stores, wired as the server wires them, over a filesystem driver in a temporary folder.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _ownsRoot = true;

    public StoreFixture()
        : this(new Dictionary<string, string?>(), null)
    {
    }

    /// <summary>
    /// With configuration (GarbageCollection:* keys), optionally extra services (event sinks, a clock) and a test
    /// decorator the stores see instead of the filesystem driver.
    /// </summary>
    public StoreFixture(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure, Func<IStorageDriver, IStorageDriver>? decorate = null)
    {
        Root = Directory.CreateTempSubdirectory("berth-registry-").FullName;
        Driver = new FilesystemStorageDriver(Root);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IStorageDriver>(decorate?.Invoke(Driver) ?? Driver)
            .AddGarbageCollection(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        configure?.Invoke(services);

        _services = services.BuildServiceProvider();
    }

    public string Root { get; }

    public FilesystemStorageDriver Driver { get; }

    public UploadStore Uploads => _services.GetRequiredService<UploadStore>();

    public BlobStore Blobs => _services.GetRequiredService<BlobStore>();

    public ManifestStore Manifests => _services.GetRequiredService<ManifestStore>();

    public TagStore Tags => _services.GetRequiredService<TagStore>();

    public ReferrerStore Referrers => _services.GetRequiredService<ReferrerStore>();

    public RepositoryCatalog Catalog => _services.GetRequiredService<RepositoryCatalog>();

    public RepositoryStore Repositories => _services.GetRequiredService<RepositoryStore>();

    public NamespacePolicyStore Policies => _services.GetRequiredService<NamespacePolicyStore>();

    public GarbageCollector Collector => _services.GetRequiredService<GarbageCollector>();

    /// <summary>A store over the same files with nothing cached in process: another node, or this one after a restart.</summary>
    public StoreFixture OtherNode() => new(Root);

    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => "/" + Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        _services.Dispose();
        if (_ownsRoot)
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private StoreFixture(string root)
    {
        _ownsRoot = false;
        Root = root;
        Driver = new FilesystemStorageDriver(Root);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IStorageDriver>(Driver)
            .AddRegistry()
            .BuildServiceProvider();
    }
}
