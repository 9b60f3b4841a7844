using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The standing rules' part of the admin API (<see cref="RegistryRules.CheckStanding(Domain.Api, DateTimeOffset)"/>):
/// the list of APIs that break one, for the security reviewers, and the validation waiver a security reviewer records
/// for an API of Restricted information or above that has no OpenAPI document yet.
/// </summary>
public static class AdminStandingRuleEndpoints
{
    public static RouteGroupBuilder MapStandingRuleAdminApi(this RouteGroupBuilder admin)
    {
        var apis = admin.MapGroup("/apis").WithTags("API");
        apis.MapGet("/rule-violations", async (StandingRuleCatalog catalog, CancellationToken ct) =>
                (await catalog.ListRuleViolationsAsync(ct)).Select(ApiRuleViolationResponse.From).ToList())
            .WithName("ListApiRuleViolations")
            .WithSummary("List the APIs that break a rule no setting turns off (usually stored before the rule), with what is missing; they keep serving, and no change to them is accepted until it fixes them");
        apis.MapPut("/{id:guid}/validation-waiver", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ValidationWaiverInput input, ApprovalWorkflow workflow, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                await workflow.RecordValidationWaiverAsync(ActorIdentity.FromPrincipal(http.User), id, input, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("SetApiValidationWaiver")
            .WithSummary("Record a security reviewer's waiver letting an API of Restricted information or above go without an OpenAPI document until expiresAt (at most 366 days), with the reason; replaces an earlier waiver. Only a security reviewer records one")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }
}
