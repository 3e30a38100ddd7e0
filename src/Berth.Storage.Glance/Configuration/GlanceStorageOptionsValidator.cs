using System.ComponentModel.DataAnnotations;
using Berth.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Glance.Configuration;

/// <summary>Validates Storage:Glance only when Storage:Driver selects "glance", with messages naming the key to fix.</summary>
internal sealed class GlanceStorageOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<GlanceStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, GlanceStorageOptions options)
    {
        if (!string.Equals(storage.Value.Driver, GlanceStorageDriver.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(GlanceStorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => $"{GlanceStorageOptions.SectionName}: {r.ErrorMessage}").ToList();
        foreach (var (key, uri) in new[] { ("Endpoint", options.Endpoint), ("AuthUrl", options.AuthUrl) })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                failures.Add($"{GlanceStorageOptions.SectionName}:{key} '{uri}' is not an absolute http:// or https:// URL.");
            }
        }

        if (options.AuthUrl is null)
        {
            if (options.Endpoint is null)
            {
                failures.Add($"{GlanceStorageOptions.SectionName}:Endpoint is required without {GlanceStorageOptions.SectionName}:AuthUrl (a Glance without Keystone).");
            }

            return failures;
        }

        if (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{GlanceStorageOptions.SectionName}:Username and {GlanceStorageOptions.SectionName}:Password are required with {GlanceStorageOptions.SectionName}:AuthUrl (Keystone v3).");
        }

        if (string.IsNullOrEmpty(options.ProjectName) == string.IsNullOrEmpty(options.ProjectId))
        {
            failures.Add($"{GlanceStorageOptions.SectionName}: set one of ProjectName or ProjectId for Keystone v3.");
        }

        return failures;
    }
}
