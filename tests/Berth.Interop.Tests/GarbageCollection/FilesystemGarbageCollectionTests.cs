namespace Berth.Interop.Tests.GarbageCollection;

public sealed class FilesystemGarbageCollectionTests(FilesystemGcBerthFixture registry)
    : GarbageCollectionTests<FilesystemGcBerthFixture>(registry), IClassFixture<FilesystemGcBerthFixture>;
