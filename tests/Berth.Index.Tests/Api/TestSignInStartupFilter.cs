using Berth.Index.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Index.Tests.Api;

/// <summary>
/// POST /test-signin?user=&amp;password= signs in with the UI's cookie through <see cref="IndexSignIn"/>, standing in
/// for the UI's sign-in page so API tests can act as a browser.
/// </summary>
internal sealed class TestSignInStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map("/test-signin", signIn => signIn.Run(async context =>
        {
            var result = await context.RequestServices.GetRequiredService<IndexSignIn>()
                .SignInAsync(context, context.Request.Query["user"].ToString(), context.Request.Query["password"].ToString(), false, context.RequestAborted);
            context.Response.StatusCode = result.Principal is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status204NoContent;
        }));
        next(app);
    };
}
