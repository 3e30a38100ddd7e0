using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Berth.Client;
using Berth.Interop.Tests.Fixtures;
using Berth.Interop.Tests.Layout;

namespace Berth.Interop.Tests.Replication;

/// <summary>
/// Berth to Berth: a push rule to a second Berth process that has token auth on (the rule's target signs in with an
/// account's Basic credentials, answered through the target's token service), copying a multi-platform index and the
/// signature whose subject it is, every digest kept.
/// </summary>
public sealed class ReplicationBerthToBerthTests
{
    private const string TargetPassword = "site-b-admin-1";
    private readonly Tools.Skopeo _skopeo = new();

    [Fact]
    public async Task PushRule_CopiesAMultiPlatformIndexWithItsSignatureReferrer_ToATokenAuthBerth_WithTheSameDigests()
    {
        using var work = new TempDirectory("berth-repl-b2b-");
        await using var target = await BerthProcess.StartAsync(work.Combine("site-b"), FreePort.Next(),
            [$"--Index:AdminPassword={TargetPassword}", "--Index:BcryptWorkFactor=4"]);
        await using var node = await ReplicationNode.StartAsync(work.Combine("site-a"));
        var source = new OciLayoutBuilder(work.Combine("source"), seed: 1810);
        var index = source.AddIndex([source.AddImage(layerCount: 2, architecture: "amd64"), source.AddImage(layerCount: 2, architecture: "arm64")]);
        source.Tag("v1", index);
        var signature = source.AddArtifact("application/vnd.dev.cosign.artifact.sig.v1+json", index, "application/vnd.dev.cosign.simplesigning.v1+json", source.RandomBytes(300));
        source.Tag("sig", signature);
        await Tools.BerthCli.RunAsync("copy", "--all", "--referrers", $"oci:{source.Directory}:v1", $"docker://{node.HostPort}/multi/app:v1");
        using (var add = await node.Http.PostAsJsonAsync(ReplicationNode.Api + "/targets", new JsonObject
        {
            ["name"] = "site-b",
            ["url"] = target.BaseAddress.ToString(),
            ["credentialKind"] = "Basic",
            ["username"] = "admin",
            ["secret"] = TargetPassword,
        }))
        {
            add.EnsureSuccessStatusCode();
            Assert.DoesNotContain(TargetPassword, await add.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var test = await node.Http.PostAsync(ReplicationNode.Api + "/targets/site-b/test", null))
        {
            var check = JsonNode.Parse(await test.Content.ReadAsStringAsync())!;
            Assert.True(check["authenticated"]!.GetValue<bool>(), check.ToJsonString());
        }

        await node.AddRuleAsync("to-b", "site-b", new JsonObject { ["repositoryFilter"] = "multi/**", ["referrers"] = true, ["contentKinds"] = "Indexes" });

        var id = await node.RunAsync("to-b");
        var execution = (await node.WaitForExecutionsAsync(e => e.Any(x => x["id"]!.GetValue<long>() == id && ReplicationNode.Succeeded(x)), TimeSpan.FromSeconds(60)))
            .Single(x => x["id"]!.GetValue<long>() == id);

        Assert.Equal("Manual", execution["trigger"]!.GetValue<string>());
        using var client = RegistryClient.Create(new RegistryClientOptions { BaseAddress = target.BaseAddress, Username = "admin", Password = TargetPassword });
        Assert.Equal(index.Digest, (await client.HeadManifestAsync("multi/app", "v1", default))?.Digest);
        var referrers = JsonNode.Parse((await client.GetReferrersAsync("multi/app", index.Digest, default))!)!["manifests"]!.AsArray();
        Assert.Equal(signature.Digest, Assert.Single(referrers)!["digest"]!.GetValue<string>());
        await _skopeo.RunAsync("copy", "--all", "--preserve-digests", "--src-tls-verify=false", "--src-creds", $"admin:{TargetPassword}",
            $"docker://{target.HostPort}/multi/app:v1", $"oci:{work.Combine("pulled")}:v1");
        LayoutAssert.SameContent(source.Directory, work.Combine("pulled"), "v1");
        Assert.DoesNotContain(TargetPassword, node.Process.Log, StringComparison.Ordinal);
    }
}
