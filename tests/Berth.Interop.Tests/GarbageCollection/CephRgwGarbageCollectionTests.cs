namespace Berth.Interop.Tests.GarbageCollection;

public sealed class CephRgwGarbageCollectionTests(CephRgwGcBerthFixture registry)
    : GarbageCollectionTests<CephRgwGcBerthFixture>(registry), IClassFixture<CephRgwGcBerthFixture>;
