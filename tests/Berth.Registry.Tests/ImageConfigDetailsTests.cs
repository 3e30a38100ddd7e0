using System.Text;
using Berth.Registry.Content;

namespace Berth.Registry.Tests;

/// <summary>What the index shows of an image config, read the same by the registry (for its events) and the index.</summary>
public sealed class ImageConfigDetailsTests
{
    private static readonly Digest Config = Digest.Compute(DigestAlgorithm.Sha256, "config"u8);

    [Fact]
    public void ImageConfig_GivesCreatedTimePlatformWithVariantAndStringLabels()
    {
        var details = ImageConfigDetails.Parse(Config, """
            {"created":"2026-11-01T12:00:00+02:00","architecture":"arm64","os":"linux","variant":"v8",
             "config":{"Labels":{"org.opencontainers.image.title":"app","maintainer":"team","count":3,"dup":"first","dup":"second"}},
             "history":[{"created_by":"RUN make"}]}
            """u8.ToArray());

        Assert.Equal(Config, details.Digest);
        Assert.Equal(new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), details.Created);
        Assert.Equal(DateTimeKind.Utc, details.Created!.Value.Kind);
        Assert.Equal("linux/arm64/v8", details.Platform);
        Assert.Equal(
            new Dictionary<string, string> { ["org.opencontainers.image.title"] = "app", ["maintainer"] = "team", ["dup"] = "first" },
            details.Labels);
    }

    [Fact]
    public void ConfigWithoutPlatformOrLabels_AndArtifactConfigs_HaveNoneOfThem()
    {
        var bare = ImageConfigDetails.Parse(Config, """{"os":"linux","config":{"Labels":{}}}"""u8.ToArray());
        var notJson = ImageConfigDetails.Parse(Config, "\u0089PNG binary"u8.ToArray());
        var array = ImageConfigDetails.Parse(Config, "[1,2]"u8.ToArray());

        Assert.Equal(new ImageConfigDetails(Config, null, null, null), bare);
        Assert.Equal(new ImageConfigDetails(Config, null, null, null), notJson);
        Assert.Equal(new ImageConfigDetails(Config, null, null, null), array);
    }

    [Fact]
    public void ManyLabels_KeepTheFirstTwoHundred()
    {
        var labels = string.Join(",", Enumerable.Range(0, 250).Select(i => $"\"l{i:D3}\":\"v\""));
        var details = ImageConfigDetails.Parse(Config, Encoding.UTF8.GetBytes("{\"config\":{\"Labels\":{" + labels + "}}}"));

        Assert.Equal(ImageConfigDetails.MaxLabels, details.Labels!.Count);
        Assert.Equal("l199", details.Labels.Keys.Max(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_ReadsUpToTheLimit_AndRefusesLargerConfigs()
    {
        var padding = new string(' ', (int)ImageConfigDetails.MaxConfigBytes - 40);
        var fits = Encoding.UTF8.GetBytes($$"""{"os":"linux","architecture":"amd64"{{padding}}}""");
        var larger = Encoding.UTF8.GetBytes($$"""{"os":"linux","architecture":"amd64"{{padding}}{{new string(' ', 100)}}}""");

        var read = await ImageConfigDetails.ReadAsync(Config, new MemoryStream(fits), default);
        var refused = await ImageConfigDetails.ReadAsync(Config, new MemoryStream(larger), default);

        Assert.True(fits.Length <= ImageConfigDetails.MaxConfigBytes);
        Assert.Equal("linux/amd64", read?.Platform);
        Assert.Null(refused);
    }
}
