using System.Text.Json;
using Berth.Registry.Api.Errors;
using Berth.Registry.Policies;
using Berth.Registry.Retention;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Api.Admin;

/// <summary>
/// The admin API of namespace policies: GET /api/v1/admin/policies, GET/PUT/DELETE /api/v1/admin/policies/&lt;namespace&gt;,
/// and POST /api/v1/admin/retention[?dryRun=true]. Guarded like the catalog: with auth on, only an administrator's token
/// (scope registry:catalog:*) passes. An invalid policy is 400 POLICY_INVALID listing every problem.
/// </summary>
internal sealed class PolicyAdminEndpoints(
    NamespacePolicyStore policies,
    RetentionRunner retention,
    ILogger<PolicyAdminEndpoints> logger)
{
    public const string InvalidCode = "POLICY_INVALID";
    public const string UnknownCode = "POLICY_UNKNOWN";

    /// <summary>A policy document is a few kilobytes; anything far larger is a mistake, not a policy.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    public async Task ListAsync(HttpContext context)
    {
        var listing = new PolicyListing(await policies.ListAsync(context.RequestAborted));
        await Results.Json(listing, PolicyAdminJsonContext.Default.PolicyListing).ExecuteAsync(context);
    }

    public async Task GetAsync(HttpContext context, string @namespace)
    {
        if (!await CheckNamespaceAsync(context, @namespace))
        {
            return;
        }

        if (await policies.GetAsync(@namespace, context.RequestAborted) is { } policy)
        {
            await Results.Json(policy, PolicyAdminJsonContext.Default.NamespacePolicy).ExecuteAsync(context);
            return;
        }

        await WriteErrorAsync(context, StatusCodes.Status404NotFound, UnknownCode, $"Namespace '{@namespace}' has no policy.", new { @namespace });
    }

    public async Task PutAsync(HttpContext context, string @namespace)
    {
        if (!await CheckNamespaceAsync(context, @namespace))
        {
            return;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, InvalidCode, $"A policy is at most {MaxBodyBytes} bytes.", null);
            return;
        }

        NamespacePolicy? policy;
        try
        {
            policy = await JsonSerializer.DeserializeAsync(context.Request.Body, PolicyAdminJsonContext.Default.NamespacePolicy, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, InvalidCode, $"The body is not a policy document: {exception.Message}", new { problems = new[] { exception.Message } });
            return;
        }

        try
        {
            var stored = await policies.PutAsync(@namespace, policy ?? new NamespacePolicy(), context.RequestAborted);
            Log.PolicyWritten(logger, @namespace, stored.ImmutableTags.Count, stored.Retention.Count, context.User.Identity?.Name);
            await Results.Json(stored, PolicyAdminJsonContext.Default.NamespacePolicy).ExecuteAsync(context);
        }
        catch (PolicyValidationException exception)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, InvalidCode, exception.Message, new { problems = exception.Problems });
        }
    }

    public async Task DeleteAsync(HttpContext context, string @namespace)
    {
        if (!await CheckNamespaceAsync(context, @namespace))
        {
            return;
        }

        if (await policies.DeleteAsync(@namespace, context.RequestAborted))
        {
            Log.PolicyDeleted(logger, @namespace, context.User.Identity?.Name);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await WriteErrorAsync(context, StatusCodes.Status404NotFound, UnknownCode, $"Namespace '{@namespace}' has no policy.", new { @namespace });
    }

    public async Task RunRetentionAsync(HttpContext context)
    {
        var dryRun = bool.TryParse(context.Request.Query["dryRun"], out var parsed) && parsed;
        var report = await retention.RunAsync(dryRun, context.RequestAborted);
        await Results.Json(RetentionRunResult.From(report), PolicyAdminJsonContext.Default.RetentionRunResult).ExecuteAsync(context);
    }

    private static async Task<bool> CheckNamespaceAsync(HttpContext context, string @namespace)
    {
        if (NamespacePolicy.IsValidNamespace(@namespace))
        {
            return true;
        }

        await WriteErrorAsync(
            context,
            StatusCodes.Status400BadRequest,
            InvalidCode,
            $"'{@namespace}' is not a namespace: one repository name component (lowercase letters, digits and separators, no '/').",
            new { @namespace });
        return false;
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message, object? detail)
    {
        var body = RegistryErrorWriter.Serialize(code, message, detail);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
