namespace Berth.Index.Data;

/// <summary>
/// A registry (a site) running apart from the index: where its /v2 API is, the secret its event batches are signed
/// with, and when it was last heard from. Its name is also the audience of the tokens issued for it.
/// </summary>
public sealed class RegistryRecord
{
    public long Id { get; set; }

    /// <summary>The registry's Auth:Service: the service clients ask tokens for, and the tokens' audience.</summary>
    public required string Name { get; set; }

    /// <summary>The registry's base URL, as the index reaches it (manifests, configs, tag deletes, resync).</summary>
    public required string Url { get; set; }

    /// <summary>The host clients pull from (the pull command in the UI); defaults to the URL's host and port.</summary>
    public string? PullHost { get; set; }

    /// <summary>Key of the HMAC-SHA256 the registry signs its event batches with. The database holds secrets: protect it.</summary>
    public required string EventSecret { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the last event batch arrived.</summary>
    public DateTime? LastEventAt { get; set; }

    /// <summary>The newest event's own time in that batch: LastEventAt minus it is the delivery lag.</summary>
    public DateTime? LastEventTimestamp { get; set; }

    public DateTime? LastResyncAt { get; set; }

    /// <summary>Why the last call to the registry failed, cleared by the next success.</summary>
    public string? LastError { get; set; }
}
