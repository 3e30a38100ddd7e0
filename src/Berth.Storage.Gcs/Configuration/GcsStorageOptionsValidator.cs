using Berth.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Gcs.Configuration;

/// <summary>Checks Storage:Gcs at start, only when Storage:Driver selects "gcs", with messages naming the key to fix.</summary>
internal sealed class GcsStorageOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<GcsStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, GcsStorageOptions options)
    {
        if (!string.Equals(storage.Value.Driver, GcsStorageDriver.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(GcsStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add("Storage:Gcs:Bucket is required when Storage:Driver is \"gcs\".");
        }

        if (options.RootDirectory.StartsWith('/') || options.RootDirectory.EndsWith('/') || options.RootDirectory.Contains("//", StringComparison.Ordinal))
        {
            failures.Add($"Storage:Gcs:RootDirectory '{options.RootDirectory}' must not start or end with '/' nor hold empty segments (e.g. \"registry\" or \"a/b\").");
        }

        if (!Enum.IsDefined(options.Authentication))
        {
            failures.Add($"Storage:Gcs:Authentication '{options.Authentication}' must be ApplicationDefault, ServiceAccountFile or None.");
        }

        if (options.Authentication == GcsAuthentication.ServiceAccountFile && string.IsNullOrWhiteSpace(options.CredentialsFile))
        {
            failures.Add("Storage:Gcs:CredentialsFile is required when Storage:Gcs:Authentication is ServiceAccountFile.");
        }
        else if (options.Authentication == GcsAuthentication.ServiceAccountFile && !File.Exists(options.CredentialsFile))
        {
            failures.Add($"Storage:Gcs:CredentialsFile '{options.CredentialsFile}' does not exist.");
        }
        else if (options.Authentication != GcsAuthentication.ServiceAccountFile && !string.IsNullOrEmpty(options.CredentialsFile))
        {
            failures.Add("Storage:Gcs:CredentialsFile is only read when Storage:Gcs:Authentication is ServiceAccountFile.");
        }

        if (options.BaseUri is { } baseUri && (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Storage:Gcs:BaseUri '{baseUri}' is not an absolute http:// or https:// URL.");
        }

        if (options.ChunkSize < GcsStorageOptions.ChunkGranularity || options.ChunkSize > GcsStorageOptions.MaximumChunkSize
            || options.ChunkSize % GcsStorageOptions.ChunkGranularity != 0)
        {
            failures.Add($"Storage:Gcs:ChunkSize {options.ChunkSize} must be a multiple of 262144 (256 KiB, GCS's chunk granularity) between 256 KiB and 256 MiB.");
        }

        if (options.RedirectGets && options.Authentication == GcsAuthentication.None)
        {
            failures.Add("Storage:Gcs:RedirectGets needs credentials that can sign URLs (Storage:Gcs:Authentication ServiceAccountFile or ApplicationDefault).");
        }

        if (options.SignedUrlExpiry <= TimeSpan.Zero || options.SignedUrlExpiry > TimeSpan.FromDays(7))
        {
            failures.Add($"Storage:Gcs:SignedUrlExpiry {options.SignedUrlExpiry} must be positive and at most 7 days (GCS's V4 signing limit).");
        }

        return failures;
    }
}
