using Berth.Index;
using Berth.Registry.Api.Auth;
using Berth.Replication.Execution;
using Berth.Replication.Model;
using Berth.Replication.Queue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Berth.Replication.Api;

/// <summary>
/// /api/v1/admin/replication: targets (with a test-connection action), rules, runs by hand and the executions'
/// records. Guarded like the other admin APIs (with auth on, an administrator's token with scope registry:catalog:*).
/// </summary>
internal static class ReplicationEndpoints
{
    public const string Prefix = "/api/v1/admin/replication";
    public const int MaxListed = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).RequireRegistryAccess(RegistryAccess.Catalog).WithTags("replication");
        api.MapGet("/targets", (ReplicationTargets targets, CancellationToken ct) => targets.ListAsync(ct))
            .WithName("ListReplicationTargets").WithSummary("The replication targets (secrets are never shown).");
        api.MapPost("/targets", AddTargetAsync).WithName("AddReplicationTarget").WithSummary("Adds a replication target.");
        api.MapPut("/targets/{name}", UpdateTargetAsync).WithName("UpdateReplicationTarget")
            .WithSummary("Changes a target (its name stays; a body without a secret keeps the stored one).");
        api.MapDelete("/targets/{name}", RemoveTargetAsync).WithName("RemoveReplicationTarget").WithSummary("Removes a target no rule uses.");
        api.MapPost("/targets/{name}/test", TestTargetAsync).WithName("TestReplicationTarget")
            .WithSummary("Checks that the target answers and accepts its credentials.");
        api.MapGet("/rules", (ReplicationRules rules, CancellationToken ct) => rules.ListAsync(ct))
            .WithName("ListReplicationRules").WithSummary("The replication rules.");
        api.MapPost("/rules", AddRuleAsync).WithName("AddReplicationRule").WithSummary("Adds a replication rule.");
        api.MapPut("/rules/{name}", UpdateRuleAsync).WithName("UpdateReplicationRule").WithSummary("Changes a rule (its name stays).");
        api.MapDelete("/rules/{name}", RemoveRuleAsync).WithName("RemoveReplicationRule").WithSummary("Removes a rule and its executions' records.");
        api.MapPut("/rules/{name}/enabled", SetEnabledAsync).WithName("EnableReplicationRule").WithSummary("Turns a rule on or off (body: true or false).");
        api.MapPost("/rules/{name}/run", RunAsync).WithName("RunReplicationRule").WithSummary("Queues a run of the rule's whole scope.");
        api.MapGet("/executions", ListExecutionsAsync).WithName("ListReplicationExecutions")
            .WithSummary("The newest executions first (?rule=NAME, ?limit=1..500, default 50).");
        api.MapGet("/executions/{id:long}", GetExecutionAsync).WithName("GetReplicationExecution").WithSummary("One execution's record.");
    }

    private static async Task<Results<Created<TargetView>, ProblemHttpResult>> AddTargetAsync(ReplicationTargets targets, TargetSpec body, CancellationToken cancellationToken)
    {
        try
        {
            var view = await targets.AddAsync(body, cancellationToken);
            return TypedResults.Created($"{Prefix}/targets/{view.Name}", view);
        }
        catch (IndexException e)
        {
            return BadRequest(e.Message);
        }
    }

    private static async Task<Results<Ok<TargetView>, NotFound<ProblemDetails>, ProblemHttpResult>> UpdateTargetAsync(ReplicationTargets targets, string name, TargetSpec body, CancellationToken cancellationToken)
    {
        try
        {
            return await targets.UpdateAsync(name, body, cancellationToken) is { } view ? TypedResults.Ok(view) : NotFound($"Target '{name}'");
        }
        catch (IndexException e)
        {
            return BadRequest(e.Message);
        }
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, ProblemHttpResult>> RemoveTargetAsync(ReplicationTargets targets, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await targets.RemoveAsync(name, cancellationToken) ? TypedResults.NoContent() : NotFound($"Target '{name}'");
        }
        catch (IndexException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<Results<Ok<ConnectionCheck>, NotFound<ProblemDetails>>> TestTargetAsync(ReplicationTargets targets, string name, CancellationToken cancellationToken) =>
        await targets.FindAsync(name, cancellationToken) is { } target
            ? TypedResults.Ok(await TargetConnectionTest.RunAsync(target, cancellationToken))
            : NotFound($"Target '{name}'");

    private static async Task<Results<Created<RuleView>, ProblemHttpResult>> AddRuleAsync(ReplicationRules rules, RuleSpec body, CancellationToken cancellationToken)
    {
        try
        {
            var view = await rules.AddAsync(body, cancellationToken);
            return TypedResults.Created($"{Prefix}/rules/{view.Name}", view);
        }
        catch (IndexException e)
        {
            return BadRequest(e.Message);
        }
    }

    private static async Task<Results<Ok<RuleView>, NotFound<ProblemDetails>, ProblemHttpResult>> UpdateRuleAsync(ReplicationRules rules, string name, RuleSpec body, CancellationToken cancellationToken)
    {
        try
        {
            return await rules.UpdateAsync(name, body, cancellationToken) is { } view ? TypedResults.Ok(view) : NotFound($"Rule '{name}'");
        }
        catch (IndexException e)
        {
            return BadRequest(e.Message);
        }
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RemoveRuleAsync(ReplicationRules rules, string name, CancellationToken cancellationToken) =>
        await rules.RemoveAsync(name, cancellationToken) ? TypedResults.NoContent() : NotFound($"Rule '{name}'");

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> SetEnabledAsync(ReplicationRules rules, string name, bool body, CancellationToken cancellationToken) =>
        await rules.SetEnabledAsync(name, body, cancellationToken) ? TypedResults.NoContent() : NotFound($"Rule '{name}'");

    private static async Task<Results<Accepted<ExecutionView>, NotFound<ProblemDetails>>> RunAsync(ReplicationQueue queue, string name, CancellationToken cancellationToken) =>
        await queue.RunAsync(name, cancellationToken) is { } execution
            ? TypedResults.Accepted($"{Prefix}/executions/{execution.Id}", execution)
            : NotFound($"Rule '{name}'");

    private static async Task<Results<Ok<IReadOnlyList<ExecutionView>>, ProblemHttpResult>> ListExecutionsAsync(ReplicationQueue queue, string? rule, int? limit, CancellationToken cancellationToken) =>
        limit is < 1 or > MaxListed
            ? BadRequest($"limit is 1 to {MaxListed}.")
            : TypedResults.Ok(await queue.ListAsync(rule, limit ?? 50, cancellationToken));

    private static async Task<Results<Ok<ExecutionView>, NotFound<ProblemDetails>>> GetExecutionAsync(ReplicationQueue queue, long id, CancellationToken cancellationToken) =>
        await queue.FindAsync(id, cancellationToken) is { } execution ? TypedResults.Ok(execution) : NotFound($"Execution {id}");

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    private static NotFound<ProblemDetails> NotFound(string what) =>
        TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not Found", Detail = $"{what} does not exist." });
}
