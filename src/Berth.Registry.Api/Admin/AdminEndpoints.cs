using System.Globalization;
using System.Text.Json;
using Berth.Registry.Api.Errors;
using Berth.Registry.GarbageCollection;
using Berth.Registry.Quotas;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Registry.Api.Admin;

/// <summary>
/// The registry's admin API under /api/v1/admin: storage per namespace, quotas, garbage collection runs. Guarded like
/// the catalog: with auth on, only an administrator's token (scope registry:catalog:*) passes.
/// </summary>
internal sealed class AdminEndpoints(
    StorageOverview overview,
    StorageUsage usage,
    QuotaStore quotas,
    GarbageCollectionHistory history,
    IServiceProvider services)
{
    private const int MaxRuns = GarbageCollectionHistory.Kept;

    public async Task StorageAsync(HttpContext context)
    {
        var rows = await overview.ListAsync(context.RequestAborted);
        await Results.Json(new StorageListing(rows, overview.DefaultQuotaBytes), AdminJsonContext.Default.StorageListing).ExecuteAsync(context);
    }

    public async Task GetQuotaAsync(HttpContext context, string @namespace)
    {
        if (!await ValidAsync(context, @namespace))
        {
            return;
        }

        await WriteQuotaAsync(context, @namespace, await quotas.GetAsync(@namespace, context.RequestAborted));
    }

    public async Task PutQuotaAsync(HttpContext context, string @namespace)
    {
        if (!await ValidAsync(context, @namespace))
        {
            return;
        }

        QuotaRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, AdminJsonContext.Default.QuotaRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?.LimitBytes is not { } limit || limit < 0)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "QUOTA_INVALID", "The body must be JSON {\"limitBytes\": N} with N a whole number of bytes, 0 or more (0 = unlimited).");
            return;
        }

        var quota = await quotas.SetAsync(@namespace, limit, context.RequestAborted);
        await WriteQuotaAsync(context, @namespace, quota);
    }

    public async Task DeleteQuotaAsync(HttpContext context, string @namespace)
    {
        if (!await ValidAsync(context, @namespace))
        {
            return;
        }

        if (!await quotas.DeleteAsync(@namespace, context.RequestAborted))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "QUOTA_UNKNOWN", $"Namespace '{@namespace}' has no quota of its own.");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task ListRunsAsync(HttpContext context)
    {
        var limit = MaxRuns;
        var value = context.Request.Query["limit"].ToString();
        if (value.Length > 0 && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxRuns))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "PAGINATION_NUMBER_INVALID", $"limit must be a whole number from 1 to {MaxRuns}.");
            return;
        }

        var runs = await history.ListAsync(limit, context.RequestAborted);
        await Results.Json(new GcRunListing(runs), AdminJsonContext.Default.GcRunListing).ExecuteAsync(context);
    }

    /// <summary>Runs a collection now and answers its report once it is done; 409 when another run holds the store.</summary>
    public async Task StartRunAsync(HttpContext context)
    {
        if (await ReadDryRunAsync(context) is not { } dryRun)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "GC_REQUEST_INVALID", "Give dryRun as ?dryRun=true|false or a JSON body {\"dryRun\": true|false}, or nothing for a real run.");
            return;
        }

        var collector = services.GetService<GarbageCollector>();
        if (collector is null)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE", "Garbage collection is not available in this process.");
            return;
        }

        var report = await collector.RunAsync(dryRun, context.RequestAborted);
        if (report.Skipped)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, "GC_RUNNING", "Another garbage collection holds the store's lease; try again when it has finished.");
            return;
        }

        if (!dryRun)
        {
            usage.ForgetAll();
        }

        await Results.Json(GcRunResult.From(report), AdminJsonContext.Default.GcRunResult).ExecuteAsync(context);
    }

    private static async Task<bool?> ReadDryRunAsync(HttpContext context)
    {
        var query = context.Request.Query["dryRun"].ToString();
        if (query.Length > 0)
        {
            return bool.TryParse(query, out var parsed) ? parsed : null;
        }

        if (context.Request.ContentLength is 0 or null && context.Request.Headers.TransferEncoding.Count == 0)
        {
            return false;
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync(context.Request.Body, AdminJsonContext.Default.GcRunRequest, context.RequestAborted))?.DryRun ?? false;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task WriteQuotaAsync(HttpContext context, string @namespace, NamespaceQuota? quota)
    {
        var used = await usage.GetAsync(@namespace, fresh: false, context.RequestAborted);
        var limit = quota?.LimitBytes ?? await quotas.GetLimitAsync(@namespace, context.RequestAborted);
        var source = quota is not null ? "namespace" : limit > 0 ? "default" : "none";
        await Results.Json(new QuotaView(@namespace, limit, source, quota?.UpdatedAt, used.Bytes), AdminJsonContext.Default.QuotaView).ExecuteAsync(context);
    }

    private static async Task<bool> ValidAsync(HttpContext context, string @namespace)
    {
        if (QuotaStore.IsValidNamespace(@namespace))
        {
            return true;
        }

        await ErrorAsync(context, StatusCodes.Status400BadRequest, RegistryErrorCode.NameInvalid.Code, $"'{@namespace}' is not a namespace: one lowercase component of a repository name, such as 'acme' in 'acme/web'.");
        return false;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(RegistryErrorWriter.Serialize(code, message, null), context.RequestAborted);
    }
}
