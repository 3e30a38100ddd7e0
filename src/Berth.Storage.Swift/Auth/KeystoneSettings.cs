using Berth.Storage.Swift.Configuration;

namespace Berth.Storage.Swift.Auth;

/// <summary>
/// What Keystone v3 password authentication needs, and which service of the catalog to reach: the Swift driver asks
/// for "object-store", the Glance driver for "image".
/// </summary>
internal sealed record KeystoneSettings(
    Uri AuthUrl,
    string Username,
    string Password,
    string UserDomainName,
    string? ProjectName,
    string? ProjectId,
    string ProjectDomainName,
    string? Region,
    string Interface,
    string ServiceType,
    Uri? EndpointOverride)
{
    public static KeystoneSettings ForSwift(SwiftStorageOptions options) => new(
        options.AuthUrl!, options.Username!, options.Key!, options.UserDomainName, options.ProjectName, options.ProjectId,
        options.ProjectDomainName, options.Region, options.Interface, "object-store", options.StorageUrl);
}
