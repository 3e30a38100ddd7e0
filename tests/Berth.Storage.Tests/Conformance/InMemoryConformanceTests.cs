using Berth.Storage.Conformance;
using Berth.Storage.InMemory;

namespace Berth.Storage.Tests.Conformance;

public sealed class InMemoryConformanceTests : StorageDriverConformanceTests
{
    private readonly InMemoryStorageDriver _driver = new();

    /// <summary>Both "nodes" share the one in-memory store.</summary>
    protected override bool KeepsAbandonedWrites => false;

    protected override IStorageDriver CreateDriver() => _driver;
}
