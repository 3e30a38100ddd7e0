using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Tests.Faults;

/// <summary>
/// What the store may do to the request being served: fail or slow its storage calls only until the request's first
/// write completed, so a failed request changed nothing and the client's retry meets the store as the test left it.
/// A request the client cannot resend (a streamed body) carries <see cref="ExemptHeader"/> and is never disturbed.
/// </summary>
internal sealed class RequestFaults
{
    public const string ExemptHeader = "X-Berth-Test-No-Faults";

    private static readonly AsyncLocal<RequestFaults?> s_current = new();

    private bool _exempt;
    private bool _wrote;

    /// <summary>Storage calls outside a request (background work) are never disturbed.</summary>
    public static bool MayDisturb() => s_current.Value is { _exempt: false, _wrote: false };

    public static void Completed(bool writes)
    {
        if (writes && s_current.Value is { } current)
        {
            current._wrote = true;
        }
    }

    public static void Install(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(new Filter());

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                s_current.Value = new RequestFaults { _exempt = context.Request.Headers.ContainsKey(ExemptHeader) };
                return following(context);
            });
            next(app);
        };
    }
}
