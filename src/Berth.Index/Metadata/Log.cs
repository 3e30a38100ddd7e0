using Microsoft.Extensions.Logging;

namespace Berth.Index.Metadata;

internal static partial class Log
{
    [LoggerMessage(400, LogLevel.Information, "Indexed {Count} repositories the index had no metadata for.")]
    public static partial void Backfilled(ILogger logger, int count);

    [LoggerMessage(401, LogLevel.Error, "Applying {Count} registry events to the metadata failed.")]
    public static partial void ApplyFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(402, LogLevel.Warning, "The metadata queue is full: an event was dropped; the index will re-read the catalog.")]
    public static partial void Dropped(ILogger logger);

    [LoggerMessage(403, LogLevel.Error, "Indexing the registry's catalog failed.")]
    public static partial void BackfillFailed(ILogger logger, Exception exception);

    [LoggerMessage(404, LogLevel.Warning, "Repository sizes had drifted in {Drifted} of {Count} repositories and were counted again from their manifests.")]
    public static partial void SizesReconciled(ILogger logger, int drifted, int count);

    [LoggerMessage(405, LogLevel.Error, "Counting repository sizes again from their manifests failed.")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);
}
