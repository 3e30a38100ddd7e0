using System.ComponentModel.DataAnnotations;
using Berth.Storage.Configuration;
using Microsoft.Extensions.Options;

namespace Berth.Storage.Azure.Configuration;

/// <summary>
/// Validates Storage:Azure only when Storage:Driver selects "azure", so a host that registers every driver still
/// starts with another driver and no Azure section.
/// </summary>
internal sealed class AzureStorageOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<AzureStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureStorageOptions options)
    {
        if (!string.Equals(storage.Value.Driver, AzureBlobStorageDriver.DriverName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(AzureStorageOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => $"{AzureStorageOptions.SectionName}: {r.ErrorMessage}").ToList();
        var hasConnectionString = !string.IsNullOrEmpty(options.ConnectionString);
        var hasAccount = !string.IsNullOrEmpty(options.AccountName) || !string.IsNullOrEmpty(options.AccountKey);
        var hasWholeAccount = !string.IsNullOrEmpty(options.AccountName) && !string.IsNullOrEmpty(options.AccountKey);
        if (hasConnectionString ? hasAccount : !hasWholeAccount)
        {
            failures.Add($"{AzureStorageOptions.SectionName}: set either ConnectionString, or AccountName and AccountKey (with BlobEndpoint for a non-Azure endpoint).");
        }

        if (options.Prefix.StartsWith('/') || options.Prefix.Contains("//", StringComparison.Ordinal))
        {
            failures.Add($"{AzureStorageOptions.SectionName}:Prefix must be relative, like 'registry' or 'a/b'.");
        }

        if (options.StagingContainer is not null && string.Equals(options.StagingContainer, options.Container, StringComparison.Ordinal))
        {
            failures.Add($"{AzureStorageOptions.SectionName}:StagingContainer must differ from Container, or listings would show uploads in progress.");
        }

        return failures;
    }
}
