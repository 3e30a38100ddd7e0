using System.ComponentModel.DataAnnotations;
using Berth.Registry.Names;

namespace Berth.Mirror;

/// <summary>Mirror mode (section "Mirror"): this registry is a pull-through cache of <see cref="Upstream"/>.</summary>
public sealed class MirrorOptions
{
    public const string SectionName = "Mirror";

    /// <summary>The registry to mirror, e.g. https://registry-1.docker.io; unset means this is no mirror.</summary>
    public Uri? Upstream { get; set; }

    /// <summary>Credentials for the upstream: sent as Basic, or to its token service when it answers with a Bearer challenge.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long a tag fetched from the upstream is served without asking the upstream (with a HEAD) whether it moved.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan TagTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A namespace (first path component, e.g. "local") whose repositories are ordinary ones: pushed to here and never
    /// fetched from the upstream. Without it, every push is refused with UNSUPPORTED.
    /// </summary>
    [RegularExpression("^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*$")]
    public string? LocalNamespace { get; set; }

    /// <summary>
    /// Prefix one-component names with "library/" upstream, as Docker Hub names its official images. Unset: on when the
    /// upstream is Docker Hub.
    /// </summary>
    public bool? LibraryPrefix { get; set; }

    /// <summary>Where blobs being fetched are spooled so that concurrent clients can read them as they arrive; the system temp folder by default.</summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>How long an upstream request may take to answer (headers; a blob body may stream for longer).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public bool IsLocal(string repository) =>
        LocalNamespace is { } local && (repository == local || repository.StartsWith(local + "/", StringComparison.Ordinal));

    public bool IsLocal(RepositoryName name) => IsLocal(name.Value);

    public bool UsesLibraryPrefix =>
        LibraryPrefix ?? Upstream?.Host is "registry-1.docker.io" or "index.docker.io" or "docker.io";
}
