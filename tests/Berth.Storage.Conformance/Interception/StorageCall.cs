namespace Berth.Storage.Conformance.Interception;

/// <summary>One driver or writer call as an intercepting driver sees it; <see cref="Destination"/> is set for moves.</summary>
public sealed record StorageCall(StorageOperation Operation, string Path, string? Destination = null)
{
    /// <summary>Whether the call writes to the store (what a fault after the call leaves behind matters for).</summary>
    public bool Writes => Operation is StorageOperation.PutContent or StorageOperation.Write or StorageOperation.Commit
        or StorageOperation.Close or StorageOperation.Cancel or StorageOperation.Move or StorageOperation.Delete or StorageOperation.PurgeAbandoned;

    public override string ToString() => Destination is null ? $"{Operation} {Path}" : $"{Operation} {Path} -> {Destination}";
}
