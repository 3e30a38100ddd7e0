using System.ComponentModel.DataAnnotations;

namespace Berth.Storage.Swift.Configuration;

/// <summary>Section "Storage:Swift": an OpenStack Swift account reached through its native API.</summary>
public sealed class SwiftStorageOptions
{
    public const string SectionName = "Storage:Swift";

    /// <summary>
    /// The auth endpoint: for v1 (tempauth, swauth) the full URL such as http://swift:8080/auth/v1.0;
    /// for Keystone v3 the identity endpoint such as https://keystone:5000/v3.
    /// </summary>
    [Required]
    public Uri? AuthUrl { get; set; }

    /// <summary>1 for v1 auth (X-Auth-User / X-Auth-Key), 3 for Keystone v3 password authentication.</summary>
    [Range(1, 3)]
    public int AuthVersion { get; set; } = 1;

    /// <summary>The user: "account:user" for tempauth, the user name for Keystone.</summary>
    [Required]
    public string? Username { get; set; }

    /// <summary>The v1 key, or the Keystone password.</summary>
    [Required]
    public string? Key { get; set; }

    /// <summary>Keystone v3: the user's domain.</summary>
    public string UserDomainName { get; set; } = "Default";

    /// <summary>Keystone v3: the project to scope the token to, by name (with <see cref="ProjectDomainName"/>) or id.</summary>
    public string? ProjectName { get; set; }

    public string? ProjectId { get; set; }

    public string ProjectDomainName { get; set; } = "Default";

    /// <summary>Keystone v3: the catalog region of the object-store endpoint; any region when empty.</summary>
    public string? Region { get; set; }

    /// <summary>Keystone v3: the catalog interface of the object-store endpoint (public, internal, admin).</summary>
    public string Interface { get; set; } = "public";

    /// <summary>Overrides the storage URL that authentication returns (e.g. an internal address).</summary>
    public Uri? StorageUrl { get; set; }

    /// <summary>The container that holds every object.</summary>
    [Required]
    public string? Container { get; set; }

    /// <summary>The container that holds large-object segments; "&lt;Container&gt;_segments" when empty.</summary>
    public string? SegmentContainer { get; set; }

    /// <summary>A folder inside the containers, so several registries can share them.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>
    /// Bytes per segment of a large object. Segments are streamed (never buffered), so this bounds only the
    /// object size: the largest object is SegmentSize × MaxManifestSegments² with nested manifests.
    /// </summary>
    [Range(64L * 1024, 5L * 1024 * 1024 * 1024)]
    public long SegmentSize { get; set; } = 256L * 1024 * 1024;

    /// <summary>The cluster's SLO max_manifest_segments; longer segment lists are split into nested manifests.</summary>
    [Range(2, 100_000)]
    public int MaxManifestSegments { get; set; } = 1000;

    /// <summary>Entries per container listing request (the cluster's container_listing_limit at most).</summary>
    [Range(1, 10_000)]
    public int ListPageSize { get; set; } = 10_000;

    /// <summary>Creates the containers at first use when they are missing.</summary>
    public bool CreateContainers { get; set; } = true;

    /// <summary>Timeout of each metadata request and of small reads and writes (not of streamed content).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The account's temp URL key (X-Account-Meta-Temp-URL-Key); when set, blob reads redirect to temp URLs.</summary>
    public string? TempUrlKey { get; set; }

    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan TempUrlExpiry { get; set; } = TimeSpan.FromMinutes(20);
}
