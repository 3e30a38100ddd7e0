using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Interop.Tests.Auth.Ldap;

/// <summary>Asks a Berth token service for a scope with HTTP Basic, as docker does, and reads what was granted.</summary>
public static class TokenProbe
{
    public static async Task<(HttpStatusCode Status, JsonObject Body)> RequestAsync(Uri server, string user, string password, string scope)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/token?service=berth&scope={Uri.EscapeDataString(scope)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>The actions the token grants on its first access entry (none when it grants nothing).</summary>
    public static IReadOnlyList<string> GrantedActions(JsonObject tokenBody)
    {
        var payload = tokenBody["token"]!.GetValue<string>().Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        var access = JsonNode.Parse(Convert.FromBase64String(payload))!["access"]!.AsArray();
        return access.Count == 0 ? [] : [.. access[0]!["actions"]!.AsArray().Select(a => a!.GetValue<string>())];
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(Uri server, IReadOnlyDictionary<string, string> form)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var response = await http.PostAsync("/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
