using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Berth.Client.Compression;

namespace Berth.Client.Tests.Compression;

/// <summary>
/// gzip members with incompressible stretches stored and the rest deflated: valid for .NET's and gzip(1)'s readers,
/// no larger than their input by more than the block headers where nothing compresses, and the level honoured.
/// </summary>
public sealed class GzipMemberTests
{
    private static readonly byte[] Text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"line {i % 977} of a config file, key{i % 13}=value{i % 101}\n")));

    [Fact]
    public void Write_RandomAndTextInterleaved_ReadsBackWithDotnetsGzipReader()
    {
        var chunk = Interleaved();

        var member = Compress(chunk, CompressionSettings.DefaultGzipLevel);

        Assert.Equal(chunk, Gunzip(member));
        var textBytes = 70_000 + 33_333 + 5;
        Assert.InRange(member.Length, chunk.Length - textBytes, chunk.Length - (textBytes * 3 / 4));
    }

    [Fact]
    public async Task Write_SeveralMembersConcatenated_ReadBackWithGzip1()
    {
        var first = Interleaved();
        var second = Text.AsSpan(0, 100_000).ToArray();
        var stream = Compress(first, 6).Concat(Compress(second, 1)).Concat(Compress([], 6)).ToArray();

        var decompressed = await GunzipWithGzipToolAsync(stream);

        Assert.Equal(first.Concat(second).ToArray(), decompressed);
    }

    [Fact]
    public void Write_RandomBytes_AreStored_WithOnlyBlockHeadersAdded()
    {
        var random = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);

        var member = Compress(random, 9);

        // 10-byte header, 5 bytes per stored block of up to 65,535 bytes, an empty final block, 8-byte trailer.
        var overhead = 10 + (5 * ((random.Length / ushort.MaxValue) + 1)) + 5 + 8;
        Assert.InRange(member.Length, random.Length, random.Length + overhead);
        Assert.Equal(random, Gunzip(member));
    }

    [Fact]
    public void Write_Text_IsDeflated_SmallerAtAHigherLevel()
    {
        var fastest = Compress(Text, 1);
        var smallest = Compress(Text, 9);

        Assert.True(smallest.Length < Text.Length / 5, $"Level 9 left text at {smallest.Length} of {Text.Length} bytes.");
        Assert.True(smallest.Length < fastest.Length, $"Level 9 ({smallest.Length} bytes) did not beat level 1 ({fastest.Length}).");
        Assert.Equal(Text, Gunzip(fastest));
        Assert.Equal(Text, Gunzip(smallest));
    }

    [Fact]
    public void IsIncompressible_TellsRandomBytesFromTextAndNumbers()
    {
        var numbers = new byte[32 * 1024];
        for (var i = 0; i < numbers.Length / 4; i++)
        {
            BitConverter.TryWriteBytes(numbers.AsSpan(i * 4), (i * 7919) & 0xffff);
        }

        Assert.True(GzipMember.IsIncompressible(RandomNumberGenerator.GetBytes(32 * 1024)));
        Assert.False(GzipMember.IsIncompressible(Text.AsSpan(0, 32 * 1024)));
        Assert.False(GzipMember.IsIncompressible(numbers));
        Assert.False(GzipMember.IsIncompressible(RandomNumberGenerator.GetBytes(1000)));
    }

    /// <summary>Random and text stretches of uneven lengths, so runs of both kinds start and end inside blocks.</summary>
    private static byte[] Interleaved()
    {
        using var output = new MemoryStream();
        var lengths = new[] { 100_000, 70_000, 1_000_000, 33_333, 262_144, 5 };
        for (var i = 0; i < lengths.Length; i++)
        {
            output.Write(i % 2 == 0 ? RandomNumberGenerator.GetBytes(lengths[i]) : Text.AsSpan(0, lengths[i]));
        }

        return output.ToArray();
    }

    private static byte[] Compress(byte[] chunk, int level)
    {
        using var member = new PooledBufferStream(chunk.Length + 1024);
        GzipMember.Write(chunk, level, member);
        return member.WrittenMemory.ToArray();
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static async Task<byte[]> GunzipWithGzipToolAsync(byte[] compressed)
    {
        var start = new ProcessStartInfo("gzip", "-dc") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("gzip did not start: apt-get install gzip");
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(compressed);
        process.StandardInput.Close();
        await reading;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"gzip -dc failed ({process.ExitCode}): {await errors}");
        return output.ToArray();
    }
}
