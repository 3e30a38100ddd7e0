using Berth.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Berth.Storage.S3;

/// <summary>Checks Storage:S3 at start, only when Storage:Driver selects "s3", with messages naming the key to fix.</summary>
internal sealed class S3StorageOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<S3StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StorageOptions options)
    {
        if (!string.Equals(storage.Value.Driver, S3StorageServiceCollectionExtensions.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add("Storage:S3:Bucket is required when Storage:Driver is \"s3\".");
        }

        if (options.Endpoint is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Storage:S3:Endpoint '{endpoint}' is not an absolute http:// or https:// URL.");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add("Storage:S3:AccessKey and Storage:S3:SecretKey must be set together (or both left unset to use the SDK's default credentials).");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add("Storage:S3:Region is required (us-east-1 suits most S3-compatible stores).");
        }

        if (options.PartSize < S3StorageOptions.MinimumPartSize || options.PartSize > S3PartSizes.MaximumPartSize)
        {
            failures.Add($"Storage:S3:PartSize {options.PartSize} must be between {S3StorageOptions.MinimumPartSize} (5 MiB, S3's minimum) and {S3PartSizes.MaximumPartSize}.");
        }

        if (options.RootDirectory.StartsWith('/') || options.RootDirectory.EndsWith('/') || options.RootDirectory.Contains("//", StringComparison.Ordinal))
        {
            failures.Add($"Storage:S3:RootDirectory '{options.RootDirectory}' must not start or end with '/' nor hold empty segments (e.g. \"registry\" or \"a/b\").");
        }

        if (options.PresignExpiry <= TimeSpan.Zero || options.PresignExpiry > TimeSpan.FromDays(7))
        {
            failures.Add($"Storage:S3:PresignExpiry {options.PresignExpiry} must be positive and at most 7 days.");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            failures.Add($"Storage:S3:MaxRetries {options.MaxRetries} must be between 0 and 20.");
        }

        if (!Enum.TryParse<Amazon.Runtime.RequestRetryMode>(options.RetryMode, ignoreCase: true, out _))
        {
            failures.Add($"Storage:S3:RetryMode '{options.RetryMode}' must be Standard or Adaptive.");
        }

        if (options.NotFoundRetryDelay < TimeSpan.Zero || options.NotFoundRetryDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"Storage:S3:NotFoundRetryDelay {options.NotFoundRetryDelay} must be between 0 and 10 seconds.");
        }

        if (!Enum.TryParse<S3PayloadSigning>(options.PayloadSigning, ignoreCase: true, out _))
        {
            failures.Add($"Storage:S3:PayloadSigning '{options.PayloadSigning}' must be Auto, Signed or Unsigned.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"Storage:S3:Timeout {options.Timeout} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
