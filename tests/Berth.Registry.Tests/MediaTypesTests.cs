using Berth.Registry.Content;

namespace Berth.Registry.Tests;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("application/vnd.oci.image.manifest.v1+json; charset=utf-8", "application/vnd.oci.image.manifest.v1+json")]
    [InlineData(" Application/JSON ", "application/json")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_DropsParametersAndCase(string? value, string? expected)
    {
        Assert.Equal(expected, MediaTypes.Normalize(value));
    }

    [Theory]
    [InlineData(MediaTypes.DockerForeignLayer, true)]
    [InlineData("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", true)]
    [InlineData("application/vnd.oci.image.layer.v1.tar+gzip", false)]
    public void IsNonDistributable_RecognisesForeignLayers(string mediaType, bool expected)
    {
        Assert.Equal(expected, MediaTypes.IsNonDistributable(mediaType));
    }

    [Fact]
    public void Kinds_AreDistinguished()
    {
        Assert.True(MediaTypes.IsImageManifest(MediaTypes.DockerManifest));
        Assert.True(MediaTypes.IsImageManifest(MediaTypes.OciManifest));
        Assert.True(MediaTypes.IsIndex(MediaTypes.DockerManifestList));
        Assert.True(MediaTypes.IsIndex(MediaTypes.OciIndex));
        Assert.False(MediaTypes.IsIndex(MediaTypes.OciManifest));
        Assert.True(MediaTypes.IsSchema1(MediaTypes.DockerManifestSchema1Signed));
    }
}
