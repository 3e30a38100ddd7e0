using Microsoft.Extensions.Logging;

namespace Berth.Registry.Consistency;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Store check started on {Driver} (verify content: {VerifyContent})")]
    public static partial void Started(ILogger logger, string driver, bool verifyContent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store check found {Problems} problems in {Repositories} repositories, {Blobs} blobs verified, in {ElapsedMs} ms")]
    public static partial void Finished(ILogger logger, int problems, int repositories, int blobs, long elapsedMs);
}
