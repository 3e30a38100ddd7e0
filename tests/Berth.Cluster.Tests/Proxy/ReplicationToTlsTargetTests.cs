using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;
using Berth.Interop.Tests.Replication;
using Berth.Interop.Tests.Tools;

namespace Berth.Cluster.Tests.Proxy;

/// <summary>
/// Replication from a Berth process to a registry served over HTTPS (Berth, token auth, behind nginx with a self-signed
/// certificate): a target that trusts the certificate as its CA copies the image with its digest; a target that
/// trusts only the system's CAs fails the execution and the connection test with an error that says TLS and why.
/// </summary>
public sealed class ReplicationToTlsTargetTests(TlsProxyFixture proxy) : IClassFixture<TlsProxyFixture>
{
    private static readonly TimeSpan RunWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PushRule_ToAnHttpsTarget_WithItsCaCertificate_CopiesTheImage_WithoutIt_FailsSayingTheCertificateIsUntrusted()
    {
        using var work = new TempDirectory("berth-repl-tls-");
        await using var node = await ReplicationNode.StartAsync(work.Combine("berth"), "--Replication:MaxAttempts=1");
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1821);
        var image = source.AddImage(layerCount: 2);
        source.Tag("v1", image.Manifest);
        await new Skopeo().PushAsync(source.Directory, "v1", $"{node.HostPort}/tls/app:v1");
        var pem = await File.ReadAllTextAsync(proxy.Certificate.CertificatePath);
        await node.AddTargetAsync(Target("trusted", pem));
        await node.AddTargetAsync(Target("untrusted", null));
        await node.AddRuleAsync("to-trusted", "trusted", new JsonObject { ["repositoryFilter"] = "tls/**", ["destinationNamespace"] = "admin" });
        await node.AddRuleAsync("to-untrusted", "untrusted", new JsonObject { ["repositoryFilter"] = "tls/**", ["destinationNamespace"] = "admin" });

        var trustedCheck = await TestAsync(node, "trusted");
        var untrustedCheck = await TestAsync(node, "untrusted");
        var copied = await RunAndWaitAsync(node, "to-trusted");
        var refused = await RunAndWaitAsync(node, "to-untrusted");

        Assert.True(trustedCheck["authenticated"]!.GetValue<bool>(), trustedCheck.ToJsonString());
        Assert.False(untrustedCheck["reachable"]!.GetValue<bool>(), untrustedCheck.ToJsonString());
        Assert.Contains("TLS with the target failed", untrustedCheck["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", copied["status"]!.GetValue<string>());
        Assert.Equal(image.Manifest.Digest, await DigestAtTargetAsync(pem, "admin/app", "v1"));
        Assert.Equal("Failed", refused["status"]!.GetValue<string>());
        var errors = refused["errors"]!.GetValue<string>();
        Assert.Contains("TLS with the target failed", errors, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", errors, StringComparison.Ordinal);
    }

    private JsonObject Target(string name, string? caCertificatePem) => new()
    {
        ["name"] = name,
        ["url"] = proxy.PublicAddress.ToString(),
        ["credentialKind"] = "Basic",
        ["username"] = "admin",
        ["secret"] = TlsProxyFixture.AdminPassword,
        ["caCertificatePem"] = caCertificatePem,
    };

    private static async Task<JsonObject> TestAsync(ReplicationNode node, string target)
    {
        using var response = await node.Http.PostAsync($"{ReplicationNode.Api}/targets/{target}/test", null);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Queues a run by hand and waits until it finished; returns its record.</summary>
    private static async Task<JsonObject> RunAndWaitAsync(ReplicationNode node, string rule)
    {
        var id = await node.RunAsync(rule);
        var executions = await node.WaitForExecutionsAsync(e => e.Any(x => x["id"]!.GetValue<long>() == id && x["status"]!.GetValue<string>() is "Succeeded" or "Failed"), RunWithin, rule);
        return executions.Single(x => x["id"]!.GetValue<long>() == id);
    }

    /// <summary>The digest of a tag at the HTTPS target, read as its administrator, trusting exactly its certificate.</summary>
    private async Task<string?> DigestAtTargetAsync(string pem, string repository, string tag)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(pem));
        using var client = RegistryClient.Create(new RegistryClientOptions
        {
            BaseAddress = proxy.PublicAddress,
            Username = "admin",
            Password = TlsProxyFixture.AdminPassword,
            Tls = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        });
        return (await client.HeadManifestAsync(repository, tag, default))?.Digest;
    }
}
