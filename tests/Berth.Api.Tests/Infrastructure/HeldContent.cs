using System.Net;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>
/// A body that sends its first part, then holds the request open mid-body until released, so a test can send other
/// requests while this one is still streaming.
/// </summary>
public sealed class HeldContent(byte[] content, int heldAt) : HttpContent
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first part has been written and flushed.</summary>
    public Task Held => _held.Task;

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(content.AsMemory(0, heldAt));
        await stream.FlushAsync();
        _held.TrySetResult();
        await _release.Task;
        await stream.WriteAsync(content.AsMemory(heldAt));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = content.Length;
        return true;
    }
}
