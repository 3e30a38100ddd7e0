namespace Berth.Index.Data;

/// <summary>A tag of a repository and what the manifest it points at says (kept from registry events).</summary>
internal sealed class TagRecord
{
    public long Id { get; set; }

    public long RepositoryId { get; set; }

    public required string Name { get; set; }

    public required string Digest { get; set; }

    public required string MediaType { get; set; }

    /// <summary>The image's size: manifest, config and layers; for an index, the sum over its platform manifests.</summary>
    public long Size { get; set; }

    /// <summary>JSON array of platforms ("linux/amd64", "linux/arm64/v8") for an index; one for an image when its config says.</summary>
    public string? PlatformsJson { get; set; }

    /// <summary>The "created" time from the image config, when it has one.</summary>
    public DateTime? CreatedAt { get; set; }

    public DateTime PushedAt { get; set; }

    /// <summary>JSON object of the config's labels.</summary>
    public string? LabelsJson { get; set; }
}
