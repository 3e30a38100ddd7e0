using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Berth.Storage.Swift.Client;

namespace Berth.Storage.Swift.Writing;

/// <summary>
/// One segment PUT whose body is written while the request runs (chunked transfer encoding), through a pipe that
/// holds at most about a megabyte, so a segment of any size never sits in memory. MD5 is computed on the way
/// and checked against the ETag Swift returns.
/// </summary>
internal sealed class SwiftSegmentUpload : IDisposable
{
    private const int PauseThreshold = 1024 * 1024;
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: PauseThreshold, resumeWriterThreshold: PauseThreshold / 2, useSynchronizationContext: false));
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly Task<HttpResponseMessage> _send;
    private readonly string _path;

    public SwiftSegmentUpload(SwiftClient client, string container, string name)
    {
        _path = "/" + container + "/" + name;
        var content = new StreamContent(_pipe.Reader.AsStream(), 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        _send = client.SendStreamingAsync(HttpMethod.Put, SwiftObjectStore.Url(container, name), content, CancellationToken.None);
    }

    public long Length { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        _md5.AppendData(buffer.Span);
        Length += buffer.Length;
        var result = await _pipe.Writer.WriteAsync(buffer, cancellationToken);
        if (result.IsCompleted)
        {
            // The request stopped reading: it failed. Its response (or exception) says why.
            using var response = await _send;
            throw SwiftClient.Failure(response, "segment " + _path);
        }
    }

    public async Task<SloSegment> CompleteAsync(CancellationToken cancellationToken)
    {
        await _pipe.Writer.CompleteAsync();
        using var response = await _send.WaitAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw SwiftClient.Failure(response, "segment " + _path);
        }

        var md5 = Convert.ToHexStringLower(_md5.GetHashAndReset());
        var etag = response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault()?.Trim('"') : null;
        if (!string.Equals(etag, md5, StringComparison.OrdinalIgnoreCase))
        {
            throw new IOException($"Swift stored segment {_path} with ETag {etag}, but {Length} bytes with MD5 {md5} were sent.");
        }

        return new SloSegment(_path, md5, Length);
    }

    /// <summary>Aborts the request; Swift keeps nothing of an incomplete chunked PUT.</summary>
    public async Task AbortAsync()
    {
        await _pipe.Writer.CompleteAsync(new OperationCanceledException("Segment upload aborted."));
        try
        {
            (await _send).Dispose();
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // The abort itself causes this failure.
        }
    }

    public void Dispose() => _md5.Dispose();
}
