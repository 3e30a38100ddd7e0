using System.Text;
using Berth.Registry.Content;
using Berth.Registry.Manifests;

namespace Berth.Registry.Tests;

public sealed class ManifestParserTests
{
    private const string Config = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    private const string Layer = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Parse_OciManifest_ReadsConfigLayersSubjectAndAnnotations()
    {
        var json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"{{{Config}}}","size":2},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{Layer}}}","size":0}],
             "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Layer}}}","size":10},
             "annotations":{"a":"b"}}
            """;
        var manifest = ManifestParser.Parse(Encoding.UTF8.GetBytes(json), MediaTypes.OciManifest);

        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(Config, manifest.Config!.Digest.ToString());
        Assert.Single(manifest.Layers);
        Assert.Equal(Layer, manifest.Subject!.Digest.ToString());
        Assert.Equal("b", manifest.Annotations!["a"]);
        Assert.Equal("application/vnd.cncf.helm.config.v1+json", manifest.ReferrerArtifactType);
    }

    [Fact]
    public void Parse_ArtifactType_WinsOverConfigMediaType()
    {
        var json = $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/x-sbom","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{{{Config}}}","size":2},"layers":[]}""";
        Assert.Equal("application/x-sbom", ManifestParser.Parse(Encoding.UTF8.GetBytes(json), null).ReferrerArtifactType);
    }

    [Fact]
    public void Parse_IndexWithoutMediaType_IsInferredFromItsManifests()
    {
        var json = $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Layer}}}","size":5}]}""";
        var manifest = ManifestParser.Parse(Encoding.UTF8.GetBytes(json), null);
        Assert.True(manifest.IsIndex);
        Assert.Null(manifest.ReferrerArtifactType);
        Assert.Equal(MediaTypes.OciIndex, ManifestParser.DetectMediaType(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"schemaVersion\":3}", "schemaVersion")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}", "config")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}", "manifests")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:abc\",\"size\":1},\"layers\":[]}", "digest")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"x\",\"digest\":\"" + Config + "\",\"size\":-1},\"layers\":[]}", "size")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example+json\"}", "Unsupported")]
    public void Parse_InvalidManifest_ThrowsManifestInvalidWithAClearMessage(string json, string messagePart)
    {
        var error = Assert.Throws<RegistryException>(() => ManifestParser.Parse(Encoding.UTF8.GetBytes(json), null));
        Assert.Equal(RegistryErrorCode.ManifestInvalid, error.Code);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"name\":\"a\",\"tag\":\"b\",\"fsLayers\":[]}", null)]
    [InlineData("{\"schemaVersion\":2}", MediaTypes.DockerManifestSchema1Signed)]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+json\"}", null)]
    public void Parse_Schema1_IsRefusedAsUnsupported(string json, string? contentType)
    {
        var error = Assert.Throws<RegistryException>(() => ManifestParser.Parse(Encoding.UTF8.GetBytes(json), contentType));
        Assert.Equal(RegistryErrorCode.ManifestInvalid, error.Code);
        Assert.Contains("schema 1 is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ContentTypeDifferentFromMediaType_IsRefused()
    {
        var json = $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"{{{Config}}}","size":2},"layers":[]}""";
        var error = Assert.Throws<RegistryException>(() => ManifestParser.Parse(Encoding.UTF8.GetBytes(json), MediaTypes.DockerManifest));
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectMediaType_ReadsTheTopLevelMediaTypeOnly()
    {
        var json = $$$"""{"schemaVersion":2,"config":{"mediaType":"x","digest":"{{{Config}}}","size":2},"mediaType":"application/vnd.docker.distribution.manifest.v2+json","layers":[]}""";
        Assert.Equal(MediaTypes.DockerManifest, ManifestParser.DetectMediaType(Encoding.UTF8.GetBytes(json)));
    }
}
