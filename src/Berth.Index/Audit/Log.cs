using Microsoft.Extensions.Logging;

namespace Berth.Index.Audit;

internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Audit {Kind} by {Actor} on {Subject}: success={Success} from {ClientAddress} {Detail}")]
    public static partial void Audit(ILogger logger, string kind, string actor, string? subject, bool success, string? clientAddress, string? detail);
}
