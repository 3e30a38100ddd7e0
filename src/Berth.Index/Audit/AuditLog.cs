using Berth.Index.Data;
using Microsoft.Extensions.Logging;

namespace Berth.Index.Audit;

/// <summary>Writes security events to the index database and to the log.</summary>
public sealed class AuditLog
{
    private readonly IndexDbContextFactory _db;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;

    public AuditLog(IndexDbContextFactory db, TimeProvider time, ILogger<AuditLog> logger)
    {
        _db = db;
        _time = time;
        _logger = logger;
    }

    public async Task WriteAsync(string kind, string actor, string? subject, bool success, string? clientAddress, string? detail, CancellationToken cancellationToken)
    {
        Log.Audit(_logger, kind, actor, subject, success, clientAddress, detail);
        await using var db = _db.Create();
        db.AuditEvents.Add(new AuditEvent
        {
            At = _time.GetUtcNow().UtcDateTime,
            Kind = kind,
            Actor = Truncate(actor, 128)!,
            Subject = Truncate(subject, 256),
            Success = success,
            ClientAddress = Truncate(clientAddress, 64),
            Detail = Truncate(detail, 1024),
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
