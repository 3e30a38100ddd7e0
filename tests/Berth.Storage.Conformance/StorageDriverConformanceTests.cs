namespace Berth.Storage.Conformance;

/// <summary>
/// The behaviour every <see cref="IStorageDriver"/> must show, written once. A driver's test project runs it with a
/// sealed subclass that says how to create the driver. Each test works under its own random <see cref="Root"/>,
/// which is deleted afterwards; the test then fails if the driver left anything behind there.
/// </summary>
public abstract partial class StorageDriverConformanceTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private readonly List<IStorageDriver> _drivers = [];
    private IStorageDriver? _driver;

    /// <summary>The driver under test, created for each test.</summary>
    protected IStorageDriver Driver => _driver ?? throw new InvalidOperationException("The test has not been initialised.");

    /// <summary>A path no other test uses; everything a test writes goes under it.</summary>
    protected string Root { get; } = "/conformance-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>
    /// Creates a driver over the store under test. A test may call it twice: both drivers must see the same
    /// content, as two registry nodes over one store would (a writer closed on one is continued on the other).
    /// </summary>
    protected abstract IStorageDriver CreateDriver();

    /// <summary>Size of the object the large-content tests stream through a writer.</summary>
    protected virtual int LargeContentSize => (64 * MiB) + 4099;

    /// <summary>Children listed by the paging test: more than the 1000 an object store returns per page.</summary>
    protected virtual int ManyEntriesCount => 1100;

    /// <summary>
    /// After the root has been deleted, checks the store for anything the driver keeps outside the visible tree
    /// (temporary files, unfinished multipart uploads) under <paramref name="root"/>.
    /// </summary>
    protected virtual Task AssertNothingLeftUnderAsync(string root) => Task.CompletedTask;

    /// <summary>Another driver over the same store, as a second node would have.</summary>
    protected IStorageDriver CreateSecondDriver()
    {
        var driver = CreateDriver();
        _drivers.Add(driver);
        return driver;
    }

    protected string PathUnderRoot(string relative) => Root + "/" + relative;

    public Task InitializeAsync()
    {
        _driver = CreateDriver();
        _drivers.Add(_driver);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            try
            {
                await Driver.DeleteAsync(Root, CancellationToken.None);
            }
            catch (StorageNotFoundException)
            {
            }

            await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.StatAsync(Root, CancellationToken.None));
            await Assert.ThrowsAsync<StorageNotFoundException>(() => ListAllAsync(Root));
            await AssertNothingLeftUnderAsync(Root);
        }
        finally
        {
            foreach (var driver in _drivers)
            {
                switch (driver)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync();
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
        }
    }

    protected static CancellationToken None => CancellationToken.None;

    protected async Task<List<string>> ListAllAsync(string path, IStorageDriver? driver = null)
    {
        var entries = new List<string>();
        await foreach (var entry in (driver ?? Driver).ListAsync(path, None))
        {
            entries.Add(entry);
        }

        entries.Sort(StringComparer.Ordinal);
        return entries;
    }
}
