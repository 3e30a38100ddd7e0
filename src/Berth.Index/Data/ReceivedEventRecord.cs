namespace Berth.Index.Data;

/// <summary>
/// An event id a registry delivered and the index applied: delivery is at least once, so a batch sent again (its 2xx
/// lost, or replayed) finds its ids here and changes nothing. Rows older than a week are pruned.
/// </summary>
internal sealed class ReceivedEventRecord
{
    public long RegistryId { get; set; }

    public required string EventId { get; set; }

    public DateTime ReceivedAt { get; set; }
}
