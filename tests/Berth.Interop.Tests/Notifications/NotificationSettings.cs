namespace Berth.Interop.Tests.Notifications;

/// <summary>Berth settings with one webhook endpoint named "hook" that retries fast, as tests want it.</summary>
internal static class NotificationSettings
{
    public const string Secret = "s3cret-for-tests";

    public static Dictionary<string, string?> Hook(Uri url, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Endpoints:0:Name"] = "hook",
            ["Notifications:Endpoints:0:Url"] = url.ToString(),
            ["Notifications:Endpoints:0:Secret"] = Secret,
            ["Notifications:Endpoints:0:Backoff"] = "00:00:00.100",
            ["Notifications:Endpoints:0:MaxBackoff"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra)
        {
            settings["Notifications:Endpoints:0:" + key] = value;
        }

        return settings;
    }
}
