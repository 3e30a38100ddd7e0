using Microsoft.Extensions.Logging;

namespace Berth.Registry.Retention;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Retention {RunId} started (dry run: {DryRun})")]
    public static partial void RunStarted(ILogger logger, string runId, bool dryRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention {RunId} removed tag {Tag} of {Repository} ({Digest}): {Reason}")]
    public static partial void TagRemoved(ILogger logger, string runId, string tag, string repository, Content.Digest digest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention {RunId} would remove tag {Tag} of {Repository} ({Digest}): {Reason}")]
    public static partial void TagWouldBeRemoved(ILogger logger, string runId, string tag, string repository, Content.Digest digest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention {RunId} kept tag {Tag} of {Repository}: it was pushed again while the run ran")]
    public static partial void TagPushedMeanwhile(ILogger logger, string runId, string tag, string repository);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention {RunId} skipped {Scope}")]
    public static partial void Skipped(ILogger logger, Exception exception, string runId, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention {RunId} finished in {ElapsedMs} ms: {Removed} tags removed of {Scanned} in {Repositories} repositories of {Namespaces} namespaces (dry run: {DryRun})")]
    public static partial void RunFinished(ILogger logger, string runId, long elapsedMs, int removed, int scanned, int repositories, int namespaces, bool dryRun);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention {RunId} failed")]
    public static partial void RunFailed(ILogger logger, Exception exception, string runId);
}
