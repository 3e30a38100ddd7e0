using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Registry.Events;
using Microsoft.Extensions.Options;

namespace Berth.Registry.Notifications;

/// <summary>
/// Refuses a notification configuration that could only fail later, naming the endpoint and the setting, so a typo
/// stops the server at start instead of silently losing events.
/// </summary>
internal sealed partial class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    /// <summary>Headers Berth sets itself; a configured value would break the envelope or its signature.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Host", "Transfer-Encoding", NotificationSigner.HeaderName,
    };

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{NotificationOptions.SectionName}:Endpoints:{i} ('{endpoint.Name}')");
            if (!NamePattern().IsMatch(endpoint.Name))
            {
                failures.Add($"{prefix}: Name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (it names the queue's folder).");
            }
            else if (!names.Add(endpoint.Name))
            {
                failures.Add($"{prefix}: Name is used by another endpoint; names must be unique (case-insensitive).");
            }

            ValidateEndpoint(endpoint, prefix, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateEndpoint(NotificationEndpointOptions endpoint, string prefix, List<string> failures)
    {
        if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{prefix}: Url '{endpoint.Url}' is not an absolute http:// or https:// URL.");
        }

        if (endpoint.Timeout < TimeSpan.FromMilliseconds(10) || endpoint.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}: Timeout {endpoint.Timeout} must be at least 00:00:00.010 and at most 00:10:00.");
        }

        if (endpoint.Backoff <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}: Backoff {endpoint.Backoff} must be above zero.");
        }

        if (endpoint.MaxBackoff < endpoint.Backoff || endpoint.MaxBackoff > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}: MaxBackoff {endpoint.MaxBackoff} must be at least Backoff ({endpoint.Backoff}) and at most 1.00:00:00.");
        }

        if (endpoint.MaxAttempts < 1)
        {
            failures.Add($"{prefix}: MaxAttempts {endpoint.MaxAttempts} must be at least 1.");
        }

        if (endpoint.MaxQueued < 1)
        {
            failures.Add($"{prefix}: MaxQueued {endpoint.MaxQueued} must be at least 1.");
        }

        if (endpoint.MaxEventsPerRequest is < 1 or > 1000)
        {
            failures.Add($"{prefix}: MaxEventsPerRequest {endpoint.MaxEventsPerRequest} must be between 1 and 1000.");
        }

        if (endpoint.Secret is { Length: 0 })
        {
            failures.Add($"{prefix}: Secret is empty; remove it to send unsigned events, or give it a value.");
        }

        foreach (var action in endpoint.Ignore.Actions)
        {
            if (!Enum.TryParse<RegistryEventAction>(action, ignoreCase: true, out _) || int.TryParse(action, CultureInfo.InvariantCulture, out _))
            {
                failures.Add($"{prefix}: Ignore:Actions has '{action}'; the actions are push, pull, mount and delete.");
            }
        }

        foreach (var (header, value) in endpoint.Headers)
        {
            if (ReservedHeaders.Contains(header))
            {
                failures.Add($"{prefix}: Headers may not set {header}; Berth sets it.");
            }
            else if (!HeaderNamePattern().IsMatch(header) || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                failures.Add($"{prefix}: Headers has an invalid header '{header}'.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+\\z")]
    private static partial Regex HeaderNamePattern();
}
