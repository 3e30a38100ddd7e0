using System.Net;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Manifests;

/// <summary>Sparse indexes refused (the default).</summary>
public abstract class SparseIndexRefusedTests(RegistryFixture fixture) : SparseIndexTests(fixture)
{
    [Fact]
    public async Task PutIndex_WithAChildNeverPushed_ReturnsManifestBlobUnknownAndStoresNothing()
    {
        var (repository, _, absent, index) = await PrepareAsync();

        using var put = await Registry.PutManifestAsync(repository, "multi", index, MediaTypes.OciIndex);

        var error = await OciAssert.ErrorAsync(put, HttpStatusCode.NotFound, "MANIFEST_BLOB_UNKNOWN");
        Assert.Equal(absent.Digest, error.GetProperty("detail").GetProperty("digest").GetString());
        using var byDigest = await Registry.GetAsync($"/v2/{repository}/manifests/{TestContent.Sha256(index)}", ("Accept", MediaTypes.OciIndex));
        await OciAssert.ErrorAsync(byDigest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }
}
