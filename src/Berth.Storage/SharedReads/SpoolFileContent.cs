using Microsoft.Win32.SafeHandles;

namespace Berth.Storage.SharedReads;

/// <summary>A spool's bytes in a local file, deleted when disposed.</summary>
internal sealed class SpoolFileContent : ISpoolContent
{
    private readonly SafeFileHandle _file;

    public SpoolFileContent(string directory, string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Directory.CreateDirectory(directory);
        _file = File.OpenHandle(
            Path.Combine(directory, prefix + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }

    public ValueTask WriteAsync(long position, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        RandomAccess.WriteAsync(_file, data, position, cancellationToken);

    public ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellationToken) =>
        RandomAccess.ReadAsync(_file, buffer, position, cancellationToken);

    public void Dispose() => _file.Dispose();
}
