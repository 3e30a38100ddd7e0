using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Berth.Cluster.Tests.Infrastructure;

/// <summary>Bearer tokens from a node's /token (Docker token protocol, Basic credentials), and clients that send one.</summary>
public static class RegistryTokens
{
    public static async Task<string> GetAsync(Uri server, string scope, string user = ClusterFixture.User, string password = ClusterFixture.Password)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/token?service=berth&scope=" + Uri.EscapeDataString(scope));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("/token answered without a token.");
    }

    /// <summary>A client of <paramref name="server"/> that sends the token with every request (no challenge round trip).</summary>
    public static HttpClient Client(Uri server, string token, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = timeout ?? TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static string PushScope(string repository) => $"repository:{repository}:pull,push";
}
