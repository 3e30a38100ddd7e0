using System.ComponentModel.DataAnnotations;

namespace Berth.Replication;

/// <summary>How this node takes part in replication (section "Replication"); targets and rules live in the index database.</summary>
public sealed class ReplicationOptions
{
    public const string SectionName = "Replication";

    /// <summary>Run executions on this node. Off, the node still queues executions for its events; other nodes run them.</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the queue and the schedules are looked at when nothing woke the worker.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim on an execution lasts without renewal; a node that died loses its executions after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Executions this node runs at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentExecutions { get; set; } = 2;

    /// <summary>Attempts of one execution before it is failed for good.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait before the second attempt of a failed execution; doubled after each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts of one HTTP request within an execution (transient errors), before the execution's own back-off.</summary>
    [Range(1, 20)]
    public int RequestAttempts { get; set; } = 3;

    /// <summary>
    /// This node's registry as the replication reads and writes it; default the address it listens on. Set it when that
    /// address is not reachable from the node itself (listening on a public address behind a firewall, say).
    /// </summary>
    public Uri? LocalUrl { get; set; }

    /// <summary>Receivers of the replication.started, .finished, .retrying and .failed events (JSON POST, signed like notifications).</summary>
    public IList<ReplicationWebhookOptions> Webhooks { get; } = [];
}
