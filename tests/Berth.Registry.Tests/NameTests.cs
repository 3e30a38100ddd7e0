using Berth.Registry.Names;

namespace Berth.Registry.Tests;

public sealed class NameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("library/ubuntu")]
    [InlineData("a.b_c__d---e/f0/g")]
    [InlineData("my-org/team/app")]
    public void RepositoryName_ValidNames_Parse(string value)
    {
        Assert.Equal(value, RepositoryName.Parse(value).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("Upper/case")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("-a")]
    [InlineData("a___b")]
    [InlineData("a/_uploads")]
    [InlineData("a/_manifests/b")]
    [InlineData("a b")]
    public void RepositoryName_InvalidNames_ThrowNameInvalid(string value)
    {
        var error = Assert.Throws<RegistryException>(() => RepositoryName.Parse(value));
        Assert.Equal(RegistryErrorCode.NameInvalid, error.Code);
    }

    [Fact]
    public void RepositoryName_LongerThan255_IsInvalid()
    {
        Assert.True(RepositoryName.TryParse(new string('a', 255), out _));
        Assert.False(RepositoryName.TryParse(new string('a', 256), out _));
    }

    [Theory]
    [InlineData("latest", true)]
    [InlineData("_private", true)]
    [InlineData("v1.2.3-rc_1", true)]
    [InlineData(".hidden", false)]
    [InlineData("-dash", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void Tag_FollowsTheGrammar(string value, bool valid)
    {
        Assert.Equal(valid, Tag.TryParse(value, out _));
    }

    [Fact]
    public void Tag_LongerThan128_IsInvalid()
    {
        Assert.True(Tag.TryParse(new string('a', 128), out _));
        Assert.False(Tag.TryParse(new string('a', 129), out _));
    }

    [Fact]
    public void Reference_WithColon_IsADigest()
    {
        var reference = Reference.Parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Assert.True(reference.IsDigest);
        Assert.Null(reference.Tag);
    }

    [Fact]
    public void Reference_WithoutColon_IsATag()
    {
        var reference = Reference.Parse("v1");
        Assert.False(reference.IsDigest);
        Assert.Equal("v1", reference.Tag!.Value);
    }

    [Fact]
    public void Reference_MalformedDigest_ThrowsDigestInvalid()
    {
        Assert.Equal(RegistryErrorCode.DigestInvalid, Assert.Throws<RegistryException>(() => Reference.Parse("sha256:nothex")).Code);
    }

    [Fact]
    public void Reference_InvalidTag_ThrowsTagInvalid()
    {
        Assert.Equal(RegistryErrorCode.TagInvalid, Assert.Throws<RegistryException>(() => Reference.Parse("-bad")).Code);
    }
}
