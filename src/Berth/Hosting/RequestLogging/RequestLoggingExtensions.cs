namespace Berth.Hosting.RequestLogging;

internal static class RequestLoggingExtensions
{
    /// <summary>Logs each request under category Berth.Hosting.RequestLogging (raise its level to silence it).</summary>
    public static IApplicationBuilder UseBerthRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLoggingMiddleware>();
}
