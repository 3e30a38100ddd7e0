using Berth.Client;
using Berth.Client.Content;
using Berth.Client.Copy;
using Berth.Client.Transports;

namespace Berth.Replication.Execution;

/// <summary>A source whose blobs are read no faster than the rule's bandwidth limit (shared by every blob of the execution).</summary>
internal sealed class ThrottledSource(IImageSource inner, Bandwidth bandwidth) : IImageSource
{
    public RegistryLocation? Registry => inner.Registry;

    public Task<ManifestResponse> GetRootManifestAsync(CancellationToken cancellationToken) => inner.GetRootManifestAsync(cancellationToken);

    public Task<ManifestResponse> GetManifestAsync(string digest, CancellationToken cancellationToken) => inner.GetManifestAsync(digest, cancellationToken);

    public async Task<Stream> OpenBlobAsync(OciDescriptor blob, CancellationToken cancellationToken) =>
        new ThrottledStream(await inner.OpenBlobAsync(blob, cancellationToken), bandwidth);

    public Task<IReadOnlyList<OciDescriptor>> GetReferrersAsync(string digest, CancellationToken cancellationToken) => inner.GetReferrersAsync(digest, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class ThrottledStream(Stream content, Bandwidth bandwidth) : WrappingStream(content)
    {
        private readonly Stream _content = content;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await _content.ReadAsync(buffer[..Math.Min(buffer.Length, bandwidth.ReadSize)], cancellationToken);
            if (read > 0)
            {
                await bandwidth.TakeAsync(read, cancellationToken);
            }

            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException("Replication reads blobs asynchronously.");

        public override int Read(Span<byte> buffer) =>
            throw new NotSupportedException("Replication reads blobs asynchronously.");
    }
}
