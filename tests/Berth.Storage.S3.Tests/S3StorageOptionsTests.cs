using Berth.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Storage.S3.Tests;

public sealed class S3StorageOptionsTests
{
    [Fact]
    public void Options_WithoutABucket_FailAtStartNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Storage:Driver"] = "s3" }));

        Assert.Contains("Storage:S3:Bucket is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WithEveryMistake_ReportEachOne()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Storage:Driver"] = "s3",
            ["Storage:S3:Bucket"] = "b",
            ["Storage:S3:Endpoint"] = "ftp://example",
            ["Storage:S3:AccessKey"] = "only-half",
            ["Storage:S3:PartSize"] = "1024",
            ["Storage:S3:RootDirectory"] = "/leading",
            ["Storage:S3:RetryMode"] = "Sometimes",
            ["Storage:S3:PayloadSigning"] = "Never",
        }));

        Assert.Contains("Storage:S3:Endpoint 'ftp://example'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:S3:AccessKey and Storage:S3:SecretKey must be set together", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:S3:PartSize 1024", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:S3:RootDirectory '/leading'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:S3:RetryMode 'Sometimes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:S3:PayloadSigning 'Never'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auto", null, true)]
    [InlineData("Auto", "https://s3.example.net", true)]
    [InlineData("Auto", "http://127.0.0.1:7480", true)]
    [InlineData("auto", "http://localhost:7480", true)]
    [InlineData("Auto", "http://[::1]:7480", true)]
    [InlineData("Auto", "http://10.0.0.5:7480", false)]
    [InlineData("Auto", "http://rgw.internal:7480", false)]
    [InlineData("Signed", "https://s3.example.net", false)]
    [InlineData("Unsigned", "http://10.0.0.5:7480", true)]
    public void PayloadSigning_IsUnsignedOnlyWhereTheBytesAreProtectedOrTheOperatorSaysSo(string signing, string? endpoint, bool sendsUnsigned)
    {
        var options = new S3StorageOptions { Bucket = "b", Endpoint = endpoint, PayloadSigning = signing };

        Assert.Equal(sendsUnsigned, BerthS3Client.SendsUnsignedPayloads(options));
    }

    [Fact]
    public void Options_WhenAnotherDriverIsSelected_AreNotChecked()
    {
        var options = Resolve(new() { ["Storage:Driver"] = "filesystem" });

        Assert.Null(options.Bucket);
    }

    [Fact]
    public void Options_Valid_AreBoundFromStorageS3()
    {
        var options = Resolve(new()
        {
            ["Storage:Driver"] = "s3",
            ["Storage:S3:Bucket"] = "registry",
            ["Storage:S3:Endpoint"] = "http://127.0.0.1:7480",
            ["Storage:S3:ForcePathStyle"] = "true",
            ["Storage:S3:PartSize"] = "8388608",
            ["Storage:S3:RedirectGets"] = "true",
            ["Storage:S3:PresignExpiry"] = "00:05:00",
        });

        Assert.Equal("registry", options.Bucket);
        Assert.True(options.ForcePathStyle);
        Assert.Equal(8 * 1024 * 1024, options.PartSize);
        Assert.Equal(TimeSpan.FromMinutes(5), options.PresignExpiry);
    }

    [Theory]
    [InlineData(S3StorageOptions.MinimumPartSize)]
    [InlineData(16 * 1024 * 1024)]
    public void PartSizes_LetTenThousandPartsHoldFiftyGigabytesOrMore(int basePartSize)
    {
        Assert.True(S3PartSizes.Capacity(basePartSize) >= 50L * 1000 * 1000 * 1000);
        Assert.Equal(basePartSize, S3PartSizes.ForPart(1, basePartSize));
        Assert.Equal(basePartSize, S3PartSizes.ForPart(1000, basePartSize));
        Assert.Equal(2 * basePartSize, S3PartSizes.ForPart(1001, basePartSize));
        Assert.True(S3PartSizes.ForPart(S3PartSizes.MaximumParts, basePartSize) <= S3PartSizes.MaximumPartSize);
    }

    private static S3StorageOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddStorage(configuration, Path.GetTempPath());
        services.AddS3Storage();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<S3StorageOptions>>().Value;
    }
}
