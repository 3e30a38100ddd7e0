using Berth.Interop.Tests.Fixtures;
using Berth.Testing;
using Microsoft.Extensions.Options;

namespace Berth.Interop.Tests.Notifications;

/// <summary>A notification configuration that cannot work stops the server at start, naming the endpoint and setting.</summary>
public sealed class NotificationConfigurationTests
{
    [Fact]
    public async Task Start_WithInvalidEndpoints_IsRefusedWithEveryProblemNamed()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Endpoints:0:Name"] = "hook",
            ["Notifications:Endpoints:0:Url"] = "ftp://127.0.0.1/events",
            ["Notifications:Endpoints:0:MaxAttempts"] = "0",
            ["Notifications:Endpoints:0:Ignore:Actions:0"] = "pul",
            ["Notifications:Endpoints:1:Name"] = "HOOK",
            ["Notifications:Endpoints:1:Url"] = "http://127.0.0.1:9/events",
            ["Notifications:Endpoints:1:Headers:Content-Type"] = "text/plain",
            ["Notifications:Endpoints:2:Name"] = "../escape",
            ["Notifications:Endpoints:2:Url"] = "http://127.0.0.1:9/events",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BerthTestServer.StartAsync(settings));

        Assert.Contains("Notifications:Endpoints:0 ('hook'): Url 'ftp://127.0.0.1/events' is not an absolute http:// or https:// URL.", error.Failures);
        Assert.Contains("Notifications:Endpoints:0 ('hook'): MaxAttempts 0 must be at least 1.", error.Failures);
        Assert.Contains("Notifications:Endpoints:0 ('hook'): Ignore:Actions has 'pul'; the actions are push, pull, mount and delete.", error.Failures);
        Assert.Contains("Notifications:Endpoints:1 ('HOOK'): Name is used by another endpoint; names must be unique (case-insensitive).", error.Failures);
        Assert.Contains("Notifications:Endpoints:1 ('HOOK'): Headers may not set Content-Type; Berth sets it.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Notifications:Endpoints:2 ('../escape'): Name must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_OfASecondServerOnTheSameQueueFolder_IsRefused()
    {
        using var work = new TempDirectory("berth-hooks-");
        var settings = NotificationSettings.Hook(new Uri("http://127.0.0.1:9/events"));
        await using var first = await BerthTestServer.StartAsync(settings, dataDirectory: work.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BerthTestServer.StartAsync(settings, dataDirectory: work.Path));

        Assert.Contains("is in use by another Berth process", error.Message, StringComparison.Ordinal);
    }
}
