using System.ComponentModel.DataAnnotations;

namespace Berth.Storage.Glance.Configuration;

/// <summary>
/// Section "Storage:Glance": an OpenStack Glance (Images API v2) that keeps every object as an image. Authenticates
/// with Keystone v3 when <see cref="AuthUrl"/> is set; without it, talks to <see cref="Endpoint"/> unauthenticated
/// (a Glance deployed without Keystone).
/// </summary>
public sealed class GlanceStorageOptions
{
    public const string SectionName = "Storage:Glance";

    /// <summary>The Images API URL (https://glance:9292); with Keystone it overrides the catalog's image endpoint.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The Keystone v3 identity endpoint (https://keystone:5000/v3); unset for a Glance without Keystone.</summary>
    public Uri? AuthUrl { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string UserDomainName { get; set; } = "Default";

    /// <summary>The project to scope the token to, by name (with <see cref="ProjectDomainName"/>) or id; its images hold the registry.</summary>
    public string? ProjectName { get; set; }

    public string? ProjectId { get; set; }

    public string ProjectDomainName { get; set; } = "Default";

    /// <summary>The catalog region of the image endpoint; any region when empty.</summary>
    public string? Region { get; set; }

    /// <summary>The catalog interface of the image endpoint (public, internal, admin).</summary>
    public string Interface { get; set; } = "public";

    /// <summary>
    /// Marks this registry's images (property berth_store), so several registries, and other images, can share a
    /// project: the Glance counterpart of a bucket prefix.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Namespace must be 1-64 letters, digits, '.', '_' or '-'.")]
    public string Namespace { get; set; } = "registry";

    /// <summary>Images per listing request (Glance's api_limit_max at most, 1000 by default).</summary>
    [Range(1, 1000)]
    public int ListPageSize { get; set; } = 1000;

    /// <summary>Timeout of each metadata request (not of streamed image data).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
