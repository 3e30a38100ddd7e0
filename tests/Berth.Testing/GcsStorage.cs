namespace Berth.Testing;

/// <summary>
/// Server settings that put Berth's storage on the GCS emulator that scripts/test.sh starts for the run
/// (scripts/test-services/gcs.sh), in a bucket of its own (the emulator creates buckets at first use).
/// </summary>
public static class GcsStorage
{
    public static IReadOnlyDictionary<string, string?> CreateBucketSettings() => new Dictionary<string, string?>
    {
        ["Storage:Driver"] = "gcs",
        ["Storage:Gcs:Bucket"] = "berth-registry-" + Guid.NewGuid().ToString("N")[..16],
        ["Storage:Gcs:BaseUri"] = Environment.GetEnvironmentVariable("BERTH_TEST_GCS_BASE_URI") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "BERTH_TEST_GCS_BASE_URI is not set: the GCS emulator is not running. Run the tests with scripts/test.sh, which "
                + "installs and starts it (scripts/test-services/gcs.sh), or source that script yourself."),
        ["Storage:Gcs:Authentication"] = "None",
        ["Storage:Gcs:ChunkSize"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
