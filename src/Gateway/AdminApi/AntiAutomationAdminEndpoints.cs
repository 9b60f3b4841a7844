using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.Access;
using SpbeConnector.Policies.AntiAutomation.Alerts;
using SpbeConnector.Policies.AntiAutomation.Plans;
using SpbeConnector.Registry.AdminApi;
using SpbeConnector.Registry.AdminApi.Security;

namespace SpbeConnector.Gateway.AdminApi;

/// <summary>
/// Anti-automation in the admin API: the limits and detection settings (changeable at run time), the blocks in
/// force, and the recent security alerts.
/// </summary>
public static class AntiAutomationAdminEndpoints
{
    public static void MapAntiAutomationAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGatewayAdminGroup("Anti-automation");

        group.MapGet("/anti-automation/settings", (IOptionsMonitor<AntiAutomationOptions> options) => AntiAutomationSettings.From(options.CurrentValue))
            .WithName("GetAntiAutomationSettings").WithSummary("Read the per-source limits and the detection settings in force");
        group.MapPut("/anti-automation/settings", async Task<Results<Ok<AntiAutomationSettings>, ValidationProblem>> (
                AntiAutomationSettings settings, AntiAutomationSettingsFile file, CancellationToken ct) =>
            {
                var errors = settings.Check();
                if (errors.Count > 0)
                    return TypedResults.ValidationProblem(errors, title: "The settings break anti-automation rules");
                await file.WriteAsync(settings, ct);
                return TypedResults.Ok(settings);
            })
            .WithName("UpdateAntiAutomationSettings").WithSummary("Change the per-source limits and the detection action; takes effect at once, without a restart");

        group.MapGet("/anti-automation/blocks", (TemporaryBlocks blocks) => blocks.Active())
            .WithName("ListBlocks").WithSummary("List the temporary blocks in force");
        group.MapPost("/anti-automation/blocks", Results<Ok<TemporaryBlocks.Block>, ValidationProblem> (BlockRequest request, TemporaryBlocks blocks) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (!IsSubject(request.Subject))
                    errors["subject"] = ["must be ip:<address> or client:<client id>"];
                if (request.Duration < TimeSpan.FromSeconds(1) || request.Duration > TimeSpan.FromDays(31))
                    errors["duration"] = ["must be between 1 second and 31 days"];
                if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
                    errors["reason"] = ["must be 1 to 500 characters"];
                if (errors.Count > 0)
                    return TypedResults.ValidationProblem(errors);
                blocks.Add(request.Subject, request.Duration, request.Reason);
                return TypedResults.Ok(blocks.Find(request.Subject)!);
            })
            .WithName("AddBlock").WithSummary("Block a source address or a client for a while");
        group.MapDelete("/anti-automation/blocks/{subject}", Results<NoContent, ProblemHttpResult> (string subject, TemporaryBlocks blocks) =>
                blocks.Remove(subject) ? TypedResults.NoContent()
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Block not found", detail: "No block is in force on that subject."))
            .WithName("RemoveBlock").WithSummary("Lift a block");

        group.MapGet("/anti-automation/usage/{clientId}/{apiId:guid}", async Task<Results<Ok<PlanUsage>, ProblemHttpResult>> (
                string clientId, Guid apiId, AccessSnapshotCache access, PlanRules plans, IRateLimitCounter counter, IConcurrencyLimiter concurrency, CancellationToken ct) =>
            {
                if (!access.Current.Clients.TryGetValue(clientId, out var client) || !client.Plans.TryGetValue(apiId, out var plan))
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found",
                        detail: "That client application holds no approved subscription to that API.");
                var set = plans.For(plan);
                var rules = set.Rules;
                if (access.Current.OperationLimits.TryGetValue(apiId, out var operations))
                    rules = [.. rules, .. plans.For(operations).Rules];
                var subject = PlanLimitMiddleware.Subject(clientId, apiId.ToString());
                var used = await counter.PeekAllAsync(subject, rules, ct);
                var inFlight = set.MaxConcurrentRequests is null ? 0 : await concurrency.InFlightAsync(subject, ct);
                return TypedResults.Ok(new PlanUsage(clientId, apiId, set.PlanName, inFlight, set.MaxConcurrentRequests,
                    rules.Select((r, i) => new PlanRuleUsage(r.Name, used[i].Limit, used[i].Limit - used[i].Remaining, used[i].Remaining,
                        (long)Math.Ceiling(used[i].ResetAfter.TotalSeconds))).ToList()));
            })
            .WithName("GetPlanUsage")
            .WithSummary("Read what a subscription has used of its plan now: each limit and quota in its current window (and each per-operation limit of the API), and its requests in flight");

        group.MapGet("/anti-automation/alerts", (AlertHub alerts, int? limit) => alerts.Recent(Math.Clamp(limit ?? 100, 1, 1000)))
            .WithName("ListAlerts").WithSummary("List the most recent security alerts, newest first, with their evidence");
    }

    private static bool IsSubject(string? subject) =>
        subject is not null && (subject.StartsWith("ip:", StringComparison.Ordinal) && IPAddress.TryParse(subject[3..], out _)
            || subject.StartsWith("client:", StringComparison.Ordinal) && subject.Length is > 7 and <= 200);
}
