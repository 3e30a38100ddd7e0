using System.Net;
using System.Text;
using Berth.Api.Tests.Infrastructure;

namespace Berth.Api.Tests.Policies;

/// <summary>The admin API of namespace policies as tests drive it.</summary>
public static class PolicyApi
{
    /// <summary>A namespace no other test uses, so each test has a policy of its own.</summary>
    public static string NewNamespace(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    public static Task<HttpResponseMessage> PutAsync(HttpClient http, string @namespace, string json) =>
        http.PutAsync($"/api/v1/admin/policies/{@namespace}", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Writes a policy and asserts it was accepted.</summary>
    public static async Task SetAsync(RegistryClient registry, string @namespace, string json)
    {
        using var response = await PutAsync(registry.Http, @namespace, json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
