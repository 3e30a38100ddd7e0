using Amazon.Runtime.Endpoints;
using Amazon.S3.Endpoints;
using Amazon.S3.Internal;

namespace Berth.Storage.S3.Tests;

/// <summary>
/// <see cref="CachedEndpointProvider"/> resolves an endpoint once per bucket and configuration: what it returns for a
/// key is what S3's own rules return, for every key, on a path-style S3-compatible endpoint and on AWS.
/// </summary>
public sealed class S3EndpointCacheTests
{
    public static TheoryData<string?, bool> Stores => new()
    {
        { "http://127.0.0.1:7480", true },
        { "https://s3.example.internal:9000", true },
        { null, false },
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public void Resolve_ForAnyKey_IsWhatTheRulesResolve_AndAsksTheRulesOncePerBucket(string? serviceUrl, bool pathStyle)
    {
        var rules = new CountingProvider(new AmazonS3EndpointProvider());
        var cached = new CachedEndpointProvider(rules);

        foreach (var key in new[] { "v1/blobs/sha256/ab/abcd/data", "v1/repositories/a/b/_layers/sha256/ef/link", "x" })
        {
            var expected = new AmazonS3EndpointProvider().ResolveEndpoint(Parameters(serviceUrl, pathStyle, "registry", key));
            Assert.Equal(expected.URL, cached.ResolveEndpoint(Parameters(serviceUrl, pathStyle, "registry", key)).URL);
        }

        Assert.Equal(1, rules.Calls);
        var other = cached.ResolveEndpoint(Parameters(serviceUrl, pathStyle, "other-bucket", "x"));
        Assert.Equal(new AmazonS3EndpointProvider().ResolveEndpoint(Parameters(serviceUrl, pathStyle, "other-bucket", "x")).URL, other.URL);
        Assert.Equal(2, rules.Calls);
    }

    [Fact]
    public void Resolve_HandsOutACopy_SoTheSdksChangesToOneRequestsEndpointDoNotReachTheNext()
    {
        var cached = new CachedEndpointProvider(new AmazonS3EndpointProvider());
        var first = cached.ResolveEndpoint(Parameters("http://127.0.0.1:7480", true, "registry", "a"));
        var url = first.URL;

        first.URL += "/";

        Assert.Equal(url, cached.ResolveEndpoint(Parameters("http://127.0.0.1:7480", true, "registry", "b")).URL);
    }

    private static S3EndpointParameters Parameters(string? serviceUrl, bool pathStyle, string bucket, string key) => new()
    {
        Bucket = bucket,
        Key = key,
        Region = "us-east-1",
        Endpoint = serviceUrl,
        ForcePathStyle = pathStyle,
        UseFIPS = false,
        UseDualStack = false,
        Accelerate = false,
        UseGlobalEndpoint = false,
        DisableMultiRegionAccessPoints = false,
        UseArnRegion = false,
    };

    private sealed class CountingProvider(IEndpointProvider inner) : IEndpointProvider
    {
        public int Calls { get; private set; }

        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            Calls++;
            return inner.ResolveEndpoint(parameters);
        }
    }
}
