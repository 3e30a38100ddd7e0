using System.Diagnostics.Metrics;

namespace Berth.Mirror.Diagnostics;

/// <summary>The mirror's instruments (meter "Berth.Mirror"): how well the cache spares the upstream.</summary>
public sealed class MirrorMetrics
{
    public const string MeterName = "Berth.Mirror";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _upstreamBytes;
    private readonly Counter<long> _servedBytes;
    private readonly Counter<long> _coalescedWaits;
    private readonly Counter<long> _staleResponses;
    private readonly Counter<long> _fillFailures;

    public MirrorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _hits = meter.CreateCounter<long>("berth.mirror.hits", "{request}", "Pulls answered from the cache (kind: blob or manifest).");
        _misses = meter.CreateCounter<long>("berth.mirror.misses", "{request}", "Pulls that started a fetch from the upstream (kind: blob or manifest).");
        _upstreamBytes = meter.CreateCounter<long>("berth.mirror.upstream_bytes", "By", "Blob bytes read from the upstream.");
        _servedBytes = meter.CreateCounter<long>("berth.mirror.served_bytes", "By", "Blob bytes served to clients, cached or streamed.");
        _coalescedWaits = meter.CreateCounter<long>("berth.mirror.coalesced_waits", "{request}", "Pulls that joined a fetch already in flight instead of starting one.");
        _staleResponses = meter.CreateCounter<long>("berth.mirror.stale_responses", "{request}", "Tags served from the cache because the upstream was unreachable.");
        _fillFailures = meter.CreateCounter<long>("berth.mirror.fill_failures", "{fetch}", "Blob fetches that failed (upstream error or digest mismatch).");
    }

    public void Hit(string kind) => _hits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Miss(string kind) => _misses.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void UpstreamBytes(long count) => _upstreamBytes.Add(count);

    public void ServedBytes(long count) => _servedBytes.Add(count);

    public void CoalescedWait(string kind) => _coalescedWaits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void StaleResponse() => _staleResponses.Add(1);

    public void FillFailed() => _fillFailures.Add(1);
}
