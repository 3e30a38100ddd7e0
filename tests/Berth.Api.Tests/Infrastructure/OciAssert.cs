using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Api.Tests.Infrastructure;

/// <summary>Assertions on the spec's wire format: error envelopes and headers.</summary>
public static partial class OciAssert
{
    public const string ApiVersionHeader = "Docker-Distribution-API-Version";

    /// <summary>A response header, wherever HttpClient filed it (response or content headers); values joined by ", ".</summary>
    public static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        return null;
    }

    public static void HasApiVersion(HttpResponseMessage response) =>
        Assert.True(Header(response, ApiVersionHeader) == "registry/2.0", $"{ApiVersionHeader} must be registry/2.0 on {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}), was '{Header(response, ApiVersionHeader)}'.");

    /// <summary>
    /// Asserts the status and the spec's error body {"errors":[{"code","message","detail"?}]} with one of the given
    /// codes, served as JSON with the API version header. Returns the matching error.
    /// </summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, params string[] codes)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {string.Join("|", codes)} but got {(int)response.StatusCode}: {body}");
        HasApiVersion(response);
        if (response.RequestMessage?.Method == HttpMethod.Head)
        {
            return default;
        }

        Assert.Equal(MediaTypes.Json, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var errors = document.RootElement.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.NotEqual(0, errors.GetArrayLength());
        foreach (var error in errors.EnumerateArray())
        {
            var code = error.GetProperty("code").GetString();
            Assert.Matches(CodeGrammar(), code);
            if (error.TryGetProperty("message", out var message))
            {
                Assert.Equal(JsonValueKind.String, message.ValueKind);
            }

            foreach (var property in error.EnumerateObject())
            {
                Assert.Contains(property.Name, (string[])["code", "message", "detail"]);
            }
        }

        var match = errors.EnumerateArray().FirstOrDefault(e => codes.Contains(e.GetProperty("code").GetString()));
        Assert.True(match.ValueKind == JsonValueKind.Object, $"Expected one of {string.Join("|", codes)} in {body}");
        return match.Clone();
    }

    public static async Task StatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} but got {(int)response.StatusCode} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        }

        HasApiVersion(response);
    }

    [GeneratedRegex("^[A-Z_]+$")]
    private static partial Regex CodeGrammar();
}
