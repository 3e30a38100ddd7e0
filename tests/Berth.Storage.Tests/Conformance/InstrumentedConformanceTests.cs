using Berth.Storage.Conformance;
using Berth.Storage.InMemory;
using Berth.Storage.Instrumentation;
using Berth.Storage.Tests.Decorators;

namespace Berth.Storage.Tests.Conformance;

/// <summary>The path-checking, measuring decorator every driver is wrapped in at registration, over the in-memory driver.</summary>
public sealed class InstrumentedConformanceTests : StorageDriverConformanceTests, IDisposable
{
    private readonly MetricsRecorder _recorder = new();
    private readonly InstrumentedStorageDriver _driver;

    public InstrumentedConformanceTests() => _driver = new InstrumentedStorageDriver(new InMemoryStorageDriver(), _recorder.Metrics);

    /// <summary>Both "nodes" share the one in-memory store.</summary>
    protected override bool KeepsAbandonedWrites => false;

    protected override IStorageDriver CreateDriver() => _driver;

    public void Dispose() => _recorder.Dispose();
}
