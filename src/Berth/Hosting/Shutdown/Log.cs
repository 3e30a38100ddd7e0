namespace Berth.Hosting.Shutdown;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Shutdown: unready (/healthz/ready answers 503); still serving for the drain delay {DrainDelay}.")]
    public static partial void Draining(ILogger logger, TimeSpan drainDelay);

    [LoggerMessage(2, LogLevel.Information, "Shutdown: drain over; refusing new connections and waiting up to {ShutdownTimeout} for in-flight requests.")]
    public static partial void StoppingServer(ILogger logger, TimeSpan shutdownTimeout);

    [LoggerMessage(3, LogLevel.Information, "Shutdown: stopped {Elapsed} after the stop began.")]
    public static partial void Stopped(ILogger logger, TimeSpan elapsed);
}
