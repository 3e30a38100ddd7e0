using System.Security.Cryptography;
using System.Text;
using Berth.Registry.Api.Errors;
using Berth.Registry.Content;

namespace Berth.Registry.Tests;

public sealed class DigestTests
{
    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    public void Parse_ValidDigest_RoundTrips(string value)
    {
        Assert.Equal(value, Digest.Parse(value).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("sha256:")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855a")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256:../../../../etc/passwd000000000000000000000000000000000000000000")]
    public void Parse_MalformedDigest_ThrowsDigestInvalid(string value)
    {
        var error = Assert.Throws<RegistryException>(() => Digest.Parse(value));
        Assert.Equal(RegistryErrorCode.DigestInvalid, error.Code);
        Assert.Equal(400, RegistryErrorStatus.Of(error));
    }

    [Fact]
    public void Compute_MatchesTheHashOfBothAlgorithms()
    {
        var content = Encoding.UTF8.GetBytes("berth");
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)), Digest.Compute(DigestAlgorithm.Sha256, content).ToString());
        Assert.Equal("sha512:" + Convert.ToHexStringLower(SHA512.HashData(content)), Digest.Compute(DigestAlgorithm.Sha512, content).ToString());
    }
}
