using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Tools;

namespace Berth.Cluster.Tests.Sites;

/// <summary>
/// What the split layout's tests do as clients, always through nginx's public names: skopeo pushes with the user's
/// credentials (tokens from the index), the index's API as the administrator, a site's /v2 with a token for it.
/// </summary>
internal sealed class SplitLayoutClient(SplitLayoutFixture layout) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly HttpClient _index = Admin(layout);

    /// <summary>skopeo copy of a fresh two-layer image to a public host (https, the test certificate trusted).</summary>
    public async Task PushAsync(Uri publicAddress, string repository, string tag, int seed)
    {
        var source = new OciLayoutBuilder(layout.Combine($"source-{Guid.NewGuid():N}"), seed);
        source.Tag(tag, source.AddImage(layerCount: 2).Manifest);
        await new Skopeo().RunAsync(
            "copy", "--dest-cert-dir", layout.Certificate.CertDirectory, "--dest-creds", $"{SplitLayoutFixture.User}:{SplitLayoutFixture.UserPassword}",
            $"oci:{source.Directory}:{tag}", $"docker://{publicAddress.Authority}/{repository}:{tag}");
    }

    /// <summary>The repository as the index's API shows it once the tag is there (events travel from the site first).</summary>
    public Task<JsonElement> WaitForTagAsync(string repository, string tag) =>
        WaitForRepositoryAsync(repository, r => r.GetProperty("tags").EnumerateArray().Any(t => t.GetProperty("name").GetString() == tag));

    public async Task<JsonElement> WaitForRepositoryAsync(string repository, Func<JsonElement, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using (var response = await _index.GetAsync($"/api/v1/repositories/{repository}"))
            {
                if (response.IsSuccessStatusCode && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement is var found && condition(found))
                {
                    return found;
                }
            }

            Assert.True(clock.Elapsed < Deadline, $"The index did not show {repository} as expected within {Deadline}.");
            await Task.Delay(100);
        }
    }

    /// <summary>GET on the index's API (through nginx) as the administrator.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _index.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path) => _index.PostAsync(path, null);

    /// <summary>A token from the index's /token for a site (its audience), as the user.</summary>
    public async Task<string> TokenAsync(string service, string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/token?service={service}&scope={Uri.EscapeDataString(scope)}");
        request.Headers.Authorization = Basic(SplitLayoutFixture.User, SplitLayoutFixture.UserPassword);
        using var response = await _index.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>GET /v2/{repository}/tags/list at a public host with a token (or none).</summary>
    public async Task<HttpResponseMessage> SiteTagsResponseAsync(Uri publicAddress, string repository, string? token)
    {
        using var http = new HttpClient(layout.Certificate.CreateHandler()) { BaseAddress = publicAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/tags/list");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>The tags a site's own /v2 API lists (through nginx, with a token the index issued for that site); none when it has no such repository.</summary>
    public async Task<List<string>> SiteTagsAsync(Uri publicAddress, string service, string repository)
    {
        using var response = await SiteTagsResponseAsync(publicAddress, repository, await TokenAsync(service, $"repository:{repository}:pull"));
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
    }

    public void Dispose() => _index.Dispose();

    private static HttpClient Admin(SplitLayoutFixture layout)
    {
        var http = new HttpClient(layout.Certificate.CreateHandler()) { BaseAddress = layout.MainAddress };
        http.DefaultRequestHeaders.Authorization = Basic("admin", SplitLayoutFixture.AdminPassword);
        return http;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
