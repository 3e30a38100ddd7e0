namespace Berth.Storage.Conformance.Interception;

/// <summary>The calls of <see cref="IStorageDriver"/> and <see cref="IStorageWriter"/> an intercepting driver can act on.</summary>
public enum StorageOperation
{
    GetContent,
    PutContent,
    OpenRead,
    CreateWriter,
    AppendableSize,
    Write,
    Commit,
    Close,
    Cancel,
    AppendableSize,
    Stat,
    List,
    Move,
    Delete,
    PurgeAbandoned,
    RedirectUrl,
}
