using Microsoft.Extensions.Logging;

namespace Berth.Registry.Api.Admin;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Policy of namespace {Namespace} written by {Actor}: {ImmutableRules} immutable tag rules, {RetentionRules} retention rules")]
    public static partial void PolicyWritten(ILogger logger, string @namespace, int immutableRules, int retentionRules, string? actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Policy of namespace {Namespace} deleted by {Actor}")]
    public static partial void PolicyDeleted(ILogger logger, string @namespace, string? actor);
}
