namespace Berth.Interop.Tests.Layout;

public static class LayoutAssert
{
    /// <summary>The tag resolves to the same digest in both layouts and every blob it reaches is byte-for-byte equal.</summary>
    public static void SameContent(string expectedLayout, string actualLayout, string tag)
    {
        var expected = OciLayout.Resolve(expectedLayout, tag);
        var actual = OciLayout.Resolve(actualLayout, tag);
        Assert.Equal(expected.Digest, actual.Digest);
        Assert.Equal(expected.MediaType, actual.MediaType);

        var digests = OciLayout.ReachableDigests(expectedLayout, expected.Digest);
        foreach (var digest in digests)
        {
            var path = OciLayout.BlobPath(actualLayout, digest);
            Assert.True(File.Exists(path), $"Blob {digest} is missing from the pulled layout.");
            Assert.True(
                File.ReadAllBytes(OciLayout.BlobPath(expectedLayout, digest)).AsSpan().SequenceEqual(File.ReadAllBytes(path)),
                $"Blob {digest} differs from what was pushed.");
        }

        Assert.Equal(digests.Order(StringComparer.Ordinal), OciLayout.ReachableDigests(actualLayout, actual.Digest).Order(StringComparer.Ordinal));
    }

    /// <summary>Every file the layers packed is in the unpacked rootfs with the same bytes.</summary>
    public static void RootfsHolds(string rootfs, IReadOnlyDictionary<string, byte[]> files)
    {
        Assert.NotEmpty(files);
        foreach (var (path, content) in files)
        {
            var unpacked = Path.Combine(rootfs, path);
            Assert.True(File.Exists(unpacked), $"{path} is missing from the unpacked rootfs.");
            Assert.True(content.AsSpan().SequenceEqual(File.ReadAllBytes(unpacked)), $"{path} differs after unpacking.");
        }
    }
}
