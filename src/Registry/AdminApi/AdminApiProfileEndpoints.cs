using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// An API's registration profile on the admin API (<c>GET</c>/<c>PUT /apis/{id}/profile</c>): owner contact, PSE
/// registration number (REG-04), SLA target (at least 95%), plans offered, tags. Security-relevant settings (issue 18):
/// a draft's profile is set at once as part of its registration; a live API's changes only through a change request
/// (202), in force once the approval profile's stages approve it.
/// </summary>
public static class AdminApiProfileEndpoints
{
    public static RouteGroupBuilder MapApiProfileAdminApi(this RouteGroupBuilder group)
    {
        var apis = group.MapGroup("/apis").WithTags("API");
        apis.MapGet("/{id:guid}/profile", async Task<Results<Ok<ApiProfileResponse>, ProblemHttpResult>> (Guid id, ApiCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiProfileAsync(id, ct) is { } profile ? TypedResults.Ok(ApiProfileResponse.From(profile)) : AdminProblems.NotFound("API"))
            .WithName("GetApiProfile").WithSummary("Read an API's registration profile: owner contact, PSE registration number, SLA target, plans offered, tags");
        apis.MapPut("/{id:guid}/profile", async Task<Results<Ok<ApiProfileResponse>, Accepted<ApprovalRequestResponse>, ProblemHttpResult>> (Guid id, ApiProfileUpdate input, ApprovalWorkflow workflow, ApiCatalog catalog, HttpContext http, CancellationToken ct) =>
                await workflow.ProposeChangeAsync(ActorIdentity.FromPrincipal(http.User), id, new ProposedChange(Profile: input), ct) switch
                {
                    { Applied: not null } => await catalog.FindApiProfileAsync(id, ct) is { } profile ? TypedResults.Ok(ApiProfileResponse.From(profile)) : AdminProblems.NotFound("API"),
                    { Pending: { } request } => AdminApiEndpoints.ChangeRequested(workflow, request),
                    _ => AdminProblems.NotFound("API"),
                })
            .WithName("UpdateApiProfile")
            .WithSummary("Replace an API's registration profile (ownerContact, pseRegistrationNumber and slaTargetPercent of at least 95 required; plans: the registry's plans open to subscribers). A draft changes at once; a live API gets a change request (202) and keeps its approved profile until the approval profile's stages approve it; an API in review is not changed")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }
}
