using System.Reflection;
using Berth.Registry.Api.Errors;

namespace Berth.Registry.Tests.Errors;

/// <summary>The HTTP layer's table of statuses: every code the domain defines has the spec's status.</summary>
public sealed class RegistryErrorStatusTests
{
    public static TheoryData<string, int> SpecStatuses => new()
    {
        { "BLOB_UNKNOWN", 404 },
        { "BLOB_UPLOAD_INVALID", 400 },
        { "BLOB_UPLOAD_UNKNOWN", 404 },
        { "DIGEST_INVALID", 400 },
        { "MANIFEST_BLOB_UNKNOWN", 404 },
        { "MANIFEST_INVALID", 400 },
        { "MANIFEST_UNKNOWN", 404 },
        { "NAME_INVALID", 400 },
        { "NAME_UNKNOWN", 404 },
        { "SIZE_INVALID", 400 },
        { "UNAUTHORIZED", 401 },
        { "DENIED", 403 },
        { "UNSUPPORTED", 405 },
        { "TOOMANYREQUESTS", 429 },
        { "RANGE_INVALID", 416 },
        { "TAG_INVALID", 400 },
        { "PAGINATION_NUMBER_INVALID", 400 },
        { "UNAVAILABLE", 503 },
        { "UNKNOWN", 500 },
    };

    [Theory]
    [MemberData(nameof(SpecStatuses))]
    public void Code_HasTheSpecStatus(string code, int status)
    {
        Assert.Equal(status, RegistryErrorStatus.Of(new RegistryException(Codes().Single(c => c.Code == code))));
    }

    [Fact]
    public void EveryCode_IsInTheTable()
    {
        var listed = SpecStatuses.Select(row => (string)row[0]).ToHashSet();
        Assert.All(Codes(), code => Assert.Contains(code.Code, listed));
    }

    [Fact]
    public void ContentOverTheLimit_Is413()
    {
        Assert.Equal(413, RegistryErrorStatus.Of(Manifests.ManifestStore.TooLarge()));
    }

    private static IEnumerable<RegistryErrorCode> Codes() =>
        typeof(RegistryErrorCode).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (RegistryErrorCode)field.GetValue(null)!);
}
