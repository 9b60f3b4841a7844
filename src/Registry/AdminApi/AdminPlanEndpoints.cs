using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// Plans, the plan of a subscription, and per-operation limits of APIs under <c>/admin/v1</c> (Pasal 59 ayat (13)
/// huruf c-e, ayat (6) huruf b). Every change takes effect on every node within a second, without a restart.
/// </summary>
public static class AdminPlanEndpoints
{
    public static void MapPlanAdminApi(this RouteGroupBuilder admin)
    {
        var plans = admin.MapGroup("/plans").WithTags("Plan");
        plans.MapGet("/", async Task<Results<Ok<List<PlanResponse>>, ValidationProblem>> (int? offset, int? limit, PlanCatalog catalog, HttpContext http, CancellationToken ct) =>
                AdminPaging.TryRead(offset, limit, out var page, out var problem)
                    ? TypedResults.Ok(AdminPaging.Page(http, (await catalog.ListPlansAsync(ct)).Select(PlanResponse.From).ToList(), page))
                    : problem!)
            .WithName("ListPlans").WithSummary("List the plans (subscription tiers) and their limits").WithDescription(AdminPaging.Description);
        plans.MapGet("/{name}", async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> (string name, PlanCatalog catalog, CancellationToken ct) =>
                await catalog.FindPlanAsync(name, ct) is { } plan ? TypedResults.Ok(PlanResponse.From(plan)) : AdminProblems.NotFound("plan"))
            .WithName("GetPlan").WithSummary("Read one plan");
        plans.MapPost("/", async (PlanInput input, PlanCatalog catalog, CancellationToken ct) =>
            {
                var plan = await catalog.CreatePlanAsync(input, ct);
                return TypedResults.Created($"{AdminApiEndpoints.Prefix}/plans/{plan.Name}", PlanResponse.From(plan));
            })
            .WithName("CreatePlan").WithSummary("Define a plan: requests per second and minute, daily and monthly quotas, concurrent requests (null: no limit)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        plans.MapPut("/{name}", async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> (string name, PlanInput input, PlanCatalog catalog, CancellationToken ct) =>
                await catalog.UpdatePlanAsync(name, input, ct) is { } plan ? TypedResults.Ok(PlanResponse.From(plan)) : AdminProblems.NotFound("plan"))
            .WithName("UpdatePlan").WithSummary("Change a plan's limits (its name stays); every subscription on it gets them within a second")
            .ProducesValidationProblem();
        plans.MapDelete("/{name}", async Task<Results<NoContent, ProblemHttpResult>> (string name, PlanCatalog catalog, CancellationToken ct) =>
                await catalog.DeletePlanAsync(name, ct) ? TypedResults.NoContent() : AdminProblems.NotFound("plan"))
            .WithName("DeletePlan").WithSummary("Delete a plan no subscription is on and no API offers; Bronze, the default, stays")
            .ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapPut("/subscriptions/{id:guid}/plan", async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> (Guid id, SubscriptionPlanChange change, SubscriptionCatalog catalog, CancellationToken ct) =>
                await catalog.ChangeSubscriptionPlanAsync(id, change, ct) is { } s ? TypedResults.Ok(SubscriptionResponse.From(s)) : AdminProblems.NotFound("subscription"))
            .WithTags("Subscription")
            .WithName("ChangeSubscriptionPlan")
            .WithSummary("Move a subscription to another plan; an administrator-only plan (Unlimited) needs administratorDecision true")
            .ProducesValidationProblem();

        admin.MapGet("/apis/{id:guid}/operation-limits", async Task<Results<Ok<List<OperationLimitResponse>>, ProblemHttpResult>> (Guid id, PlanCatalog catalog, CancellationToken ct) =>
                await catalog.ListOperationLimitsAsync(id, ct) is { } limits ? TypedResults.Ok(limits.Select(OperationLimitResponse.From).ToList()) : AdminProblems.NotFound("API"))
            .WithTags("API")
            .WithName("ListApiOperationLimits").WithSummary("List an API's per-operation limits (requests per minute per client application)");
        admin.MapPut("/apis/{id:guid}/operation-limits", async Task<Results<Ok<List<OperationLimitResponse>>, ProblemHttpResult>> (Guid id, List<OperationLimitInput> input, PlanCatalog catalog, CancellationToken ct) =>
                await catalog.ReplaceOperationLimitsAsync(id, input, ct) is { } limits ? TypedResults.Ok(limits.Select(OperationLimitResponse.From).ToList()) : AdminProblems.NotFound("API"))
            .WithTags("API")
            .WithName("ReplaceApiOperationLimits")
            .WithSummary("Replace an API's per-operation limits: method (or *) and path template relative to the API's base, stricter than the plan; an empty list removes them")
            .ProducesValidationProblem();
    }
}
