using System.ComponentModel.DataAnnotations;
using Berth.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Swift.Configuration;

/// <summary>
/// Validates Storage:Swift only when Storage:Driver selects "swift", so a host that registers every driver
/// still starts with another driver and no Swift section.
/// </summary>
internal sealed class SwiftStorageOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<SwiftStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SwiftStorageOptions options)
    {
        if (!string.Equals(storage.Value.Driver, SwiftStorageDriver.DriverName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(SwiftStorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => $"{SwiftStorageOptions.SectionName}: {r.ErrorMessage}").ToList();
        if (options.AuthVersion is not (1 or 3))
        {
            failures.Add($"{SwiftStorageOptions.SectionName}:AuthVersion must be 1 (tempauth) or 3 (Keystone v3).");
        }

        if (options.AuthVersion == 3 && string.IsNullOrEmpty(options.ProjectName) && string.IsNullOrEmpty(options.ProjectId))
        {
            failures.Add($"{SwiftStorageOptions.SectionName}: Keystone v3 needs ProjectName or ProjectId.");
        }

        if (options.AuthUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"{SwiftStorageOptions.SectionName}:AuthUrl must be an absolute URL.");
        }

        if (options.Prefix.StartsWith('/') || options.Prefix.Contains("//", StringComparison.Ordinal))
        {
            failures.Add($"{SwiftStorageOptions.SectionName}:Prefix must be relative, like 'registry' or 'a/b'.");
        }

        if (options.Container?.Contains('/', StringComparison.Ordinal) == true || options.SegmentContainer?.Contains('/', StringComparison.Ordinal) == true)
        {
            failures.Add($"{SwiftStorageOptions.SectionName}: container names cannot contain '/'.");
        }

        if (string.Equals(options.Container, options.SegmentContainer, StringComparison.Ordinal))
        {
            failures.Add($"{SwiftStorageOptions.SectionName}:SegmentContainer must differ from Container, or listings would show segments.");
        }

        return failures;
    }
}
