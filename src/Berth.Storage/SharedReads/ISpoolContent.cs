namespace Berth.Storage.SharedReads;

/// <summary>Where a <see cref="Spool"/> keeps its bytes: a local file, or memory for objects small enough.</summary>
internal interface ISpoolContent : IDisposable
{
    /// <summary>Writes at <paramref name="position"/>; one writer at a time, each write after the one before.</summary>
    ValueTask WriteAsync(long position, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Reads bytes already written at <paramref name="position"/>, at most <paramref name="buffer"/>'s length.</summary>
    ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken);
}
