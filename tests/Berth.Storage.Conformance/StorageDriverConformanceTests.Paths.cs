using System.Diagnostics.Metrics;
using Berth.Storage.Instrumentation;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Storage.Conformance;

public abstract partial class StorageDriverConformanceTests
{
    /// <summary>Paths <see cref="StoragePath"/> refuses: a driver never sees them once it is decorated as at registration.</summary>
    public static TheoryData<string> InvalidPaths() => new(
        string.Empty,
        "relative",
        "/trailing/",
        "//double",
        "/a//b",
        "/a/./b",
        "/a/../b",
        "/..",
        "/../etc/passwd",
        "/.",
        "/with space",
        "/tab\there",
        "/new\nline",
        "/nul\0byte",
        "/back\\slash",
        "/caf\u00e9",
        "/\u00fc/x",
        "/emoji\U0001F600",
        "/del\u007f",
        "/" + new string('a', 1100));

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public async Task InvalidPath_IsRefusedBeforeReachingTheDriver(string invalid)
    {
        await Driver.PutContentAsync(PathUnderRoot("valid"), new byte[] { 1 }, None);
        var guarded = Guard(Driver);

        Assert.False(StoragePath.IsValid(invalid));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.PutContentAsync(invalid, new byte[] { 1 }, None));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.GetContentAsync(invalid, None));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.OpenReadAsync(invalid, 0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.CreateWriterAsync(invalid, append: false, None));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.StatAsync(invalid, None));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in guarded.ListAsync(invalid, None))
            {
            }
        });
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.MoveAsync(PathUnderRoot("valid"), invalid, None));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.MoveAsync(invalid, PathUnderRoot("valid"), None));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.DeleteAsync(invalid, None));
        await Assert.ThrowsAsync<ArgumentException>(() => guarded.GetRedirectUrlAsync(invalid, None));

        Assert.Equal([PathUnderRoot("valid")], await ListAllAsync(Root));
        Assert.Equal(new byte[] { 1 }, await Driver.GetContentAsync(PathUnderRoot("valid"), None));
    }

    [Theory]
    [InlineData("a")]
    [InlineData(".hidden")]
    [InlineData("_underscore.abc")]
    [InlineData("a--b")]
    [InlineData("MixedCase/Path")]
    [InlineData("abc/1.2.3.4.5-6_zyx/123.z/4")]
    [InlineData("sha256:0123456789abcdef")]
    [InlineData("a+b")]
    [InlineData("percent%2Fencoded%20")]
    [InlineData("query?x=1&y=2")]
    [InlineData("hash#fragment")]
    [InlineData("tilde~at@comma,semi;")]
    [InlineData("quotes'\"and(brackets)[]{}")]
    [InlineData("star*pipe|lt<gt>")]
    [InlineData("dollar$excl!caret^backtick`")]
    [InlineData("...dots")]
    public async Task EdgeCaseValidPath_RoundTripsAndLists(string relative)
    {
        var path = PathUnderRoot("edge/" + relative);
        Assert.True(StoragePath.IsValid(path));
        var content = TestContent.Bytes(33, relative.Length);

        await Guard(Driver).PutContentAsync(path, content, None);

        Assert.Equal(content, await Driver.GetContentAsync(path, None));
        Assert.Equal(33, (await Driver.StatAsync(path, None)).Size);
        Assert.Equal([PathUnderRoot("edge/" + relative.Split('/')[0])], await ListAllAsync(PathUnderRoot("edge")));
        await Driver.DeleteAsync(path, None);
        await Assert.ThrowsAsync<StorageNotFoundException>(() => Driver.GetContentAsync(path, None));
    }

    private static InstrumentedStorageDriver Guard(IStorageDriver driver) =>
        new InstrumentedStorageDriver(driver, new StorageMetrics(MeterFactory.Value));

    private static readonly Lazy<IMeterFactory> MeterFactory =
        new(() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
