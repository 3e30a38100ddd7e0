using System.Security.Cryptography;
using System.Text.Json;
using Berth.Storage.Gcs.Configuration;
using Microsoft.AspNetCore.WebUtilities;

namespace Berth.Storage.Gcs.Tests;

/// <summary>
/// Storage:Gcs:RedirectGets with a service-account key: blob reads redirect to V4 signed URLs. The emulator does not
/// serve signed URLs, so these check the URL itself, signed with a key made for the test.
/// </summary>
public sealed class GcsSignedUrlTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-gcs-key-").FullName;

    [Fact]
    public async Task RedirectUrl_WithAServiceAccountKey_IsAV4SignedGetOfTheObjectThatExpiresAsConfigured()
    {
        using var driver = GcsTestEnvironment.CreateDriver(GcsTestEnvironment.Options("signed", o =>
        {
            o.BaseUri = null;
            o.Authentication = GcsAuthentication.ServiceAccountFile;
            o.CredentialsFile = WriteServiceAccountKey();
            o.RedirectGets = true;
            o.SignedUrlExpiry = TimeSpan.FromMinutes(7);
        }));

        var url = await driver.GetRedirectUrlAsync("/blobs/sha256/ab/data", CancellationToken.None);

        Assert.NotNull(url);
        Assert.Equal("https://storage.googleapis.com/berth-tests/signed/blobs/sha256/ab/data", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("GOOG4-RSA-SHA256", query["X-Goog-Algorithm"]);
        Assert.Equal("420", query["X-Goog-Expires"]);
        Assert.StartsWith("berth-test@berth.iam.gserviceaccount.com/", query["X-Goog-Credential"].ToString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{512}$", query["X-Goog-Signature"].ToString());
    }

    [Fact]
    public async Task RedirectUrl_WhenNotConfigured_IsNull()
    {
        using var driver = GcsTestEnvironment.CreateDriver(GcsTestEnvironment.Options("signed"));

        Assert.Null(await driver.GetRedirectUrlAsync("/blobs/data", CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteServiceAccountKey()
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(_directory, "key.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "berth",
            ["private_key_id"] = "test-key",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "berth-test@berth.iam.gserviceaccount.com",
            ["client_id"] = "1",
            ["token_uri"] = "https://oauth2.googleapis.com/token",
        }));
        return path;
    }
}
