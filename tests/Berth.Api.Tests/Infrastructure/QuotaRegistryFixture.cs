namespace Berth.Api.Tests.Infrastructure;

/// <summary>
/// Settings for the quota suites: no scheduled collection (tests start runs through the admin API), and a collection
/// that removes what is unreferenced at once, so freeing quota can be tested without waiting an hour.
/// </summary>
public static class QuotaRegistrySettings
{
    public static IReadOnlyDictionary<string, string?> With(IReadOnlyDictionary<string, string?> storage) =>
        new Dictionary<string, string?>(storage)
        {
            ["GarbageCollection:Enabled"] = "false",
            ["GarbageCollection:GracePeriod"] = "00:00:00",
            ["GarbageCollection:UntaggedManifestAge"] = "00:00:00",
            ["GarbageCollection:LeaseSettleTime"] = "00:00:00",
        };
}
