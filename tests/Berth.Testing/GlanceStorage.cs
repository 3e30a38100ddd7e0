namespace Berth.Testing;

/// <summary>
/// Server settings that put Berth's storage on the Keystone-less Glance that scripts/test.sh starts for the run
/// (scripts/test-services/glance.sh), in a namespace of its own.
/// </summary>
public static class GlanceStorage
{
    public static IReadOnlyDictionary<string, string?> CreateNamespaceSettings() => new Dictionary<string, string?>
    {
        ["Storage:Driver"] = "glance",
        ["Storage:Glance:Endpoint"] = Environment.GetEnvironmentVariable("BERTH_TEST_GLANCE_URL") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "BERTH_TEST_GLANCE_URL is not set: Glance is not running. Run the tests with scripts/test.sh, which installs "
                + "(scripts/test-services/glance.packages) and starts it (scripts/test-services/glance.sh), or source that script yourself."),
        ["Storage:Glance:Namespace"] = "berth-registry-" + Guid.NewGuid().ToString("N")[..16],
    };
}
