using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The approval workflow's part of the admin API (<see cref="ApprovalWorkflow"/>): the profile in force, the requests and
/// their decisions (the decider read from the caller's identity, four eyes enforced), the letters of external decisions,
/// the emergency acts waiting for their review after the fact, and the subscription decisions. Mapped on groups open to
/// the workflow's deciders as well as the administrator (<see cref="Security.ManagementCallerDefaults.ReviewPolicy"/>,
/// <see cref="Security.ManagementCallerDefaults.SubscriptionDecisionPolicy"/>): each call is checked by the workflow
/// against the caller's role, OPD and earlier decisions.
/// </summary>
public static class AdminApprovalEndpoints
{
    public static RouteGroupBuilder MapApprovalAdminApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/approval-profile", (ApprovalWorkflow workflow) => ApprovalProfileResponse.From(workflow.CurrentProfile))
            .WithTags("Approval").WithName("GetApprovalProfile")
            .WithSummary("Read the approval profile in force (Portal:ApprovalProfile): its stages in order, who decides or records each, and who decides subscriptions");

        var requests = admin.MapGroup("/approval-requests").WithTags("Approval");
        requests.MapGet("/", async (Guid? apiId, bool? pending, ApprovalWorkflow workflow, CancellationToken ct) =>
            {
                var list = await workflow.ListRequestsAsync(apiId, pending ?? false, ct);
                var answers = new List<ApprovalRequestResponse>();
                foreach (var request in list)
                    answers.Add(ApprovalRequestResponse.From(request, workflow.ProfileOf(request), await workflow.ListDecisionsAsync(request.Id, ct)));
                return answers;
            })
            .WithName("ListApprovalRequests").WithSummary("List approval requests (publications and change requests), newest first; of one API, or only those waiting for a decision");
        requests.MapGet("/{id:guid}", async Task<Results<Ok<ApprovalRequestResponse>, ProblemHttpResult>> (Guid id, ApprovalWorkflow workflow, CancellationToken ct) =>
                await workflow.FindRequestAsync(id, ct) is { } request
                    ? TypedResults.Ok(ApprovalRequestResponse.From(request, workflow.ProfileOf(request), await workflow.ListDecisionsAsync(id, ct)))
                    : AdminProblems.NotFound("approval request"))
            .WithName("GetApprovalRequest").WithSummary("Read one approval request: its stage, who is expected to act next, what it proposes, its decisions");
        requests.MapPost("/{id:guid}/decisions", async Task<Results<Ok<ApprovalRequestResponse>, ProblemHttpResult>> (Guid id, ApprovalDecisionInput input, ApprovalWorkflow workflow, HttpContext http, CancellationToken ct) =>
                await workflow.DecideAsync(ActorIdentity.FromPrincipal(http.User), id, input, ct) is { } request
                    ? TypedResults.Ok(ApprovalRequestResponse.From(request, workflow.ProfileOf(request), await workflow.ListDecisionsAsync(id, ct)))
                    : AdminProblems.NotFound("approval request"))
            .WithName("DecideApprovalRequest")
            .WithSummary("Decide the stage the request waits in, as the caller: approve, or reject with notes. The caller holds the stage's role, did not submit the request and decided no other stage of it (four eyes). An external stage records the authority's letter (number, date, issuer, the signed document in base64; its SHA-256 is kept in the audit log). The last approval of a change applies it")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/withdraw", async Task<Results<Ok<ApprovalRequestResponse>, ProblemHttpResult>> (Guid id, ApprovalWorkflow workflow, HttpContext http, CancellationToken ct) =>
            {
                if (await workflow.FindRequestAsync(id, ct) is not { } found || await workflow.WithdrawAsync(ActorIdentity.FromPrincipal(http.User), found.ApiId, ct) is not { } request)
                    return AdminProblems.NotFound("approval request");
                return TypedResults.Ok(ApprovalRequestResponse.From(request, workflow.ProfileOf(request), await workflow.ListDecisionsAsync(id, ct)));
            })
            .WithName("WithdrawApprovalRequest").WithSummary("Take back a pending request (its submitter, the OPD's publisher or the platform administrator); a publication returns to draft")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapGet("/{id:guid}/decisions/{decisionId:guid}/letter", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid decisionId, ApprovalWorkflow workflow, CancellationToken ct) =>
                await workflow.FindLetterAsync(decisionId, ct) is { } letter && (await workflow.ListDecisionsAsync(id, ct)).Any(d => d.Id == decisionId)
                    ? TypedResults.File(letter.Content, letter.ContentType, letter.FileName)
                    : AdminProblems.NotFound("decision letter"))
            .WithName("GetDecisionLetter").WithSummary("Download the signed letter of an external decision, as uploaded");

        var acts = admin.MapGroup("/emergency-acts").WithTags("Approval");
        acts.MapGet("/", async (bool? awaitingReview, ApprovalWorkflow workflow, CancellationToken ct) => await workflow.ListEmergencyActsAsync(awaitingReview ?? false, ct))
            .WithName("ListEmergencyActs").WithSummary("List the emergency acts (suspended or retired APIs, revoked subscriptions, disabled clients) with their reasons, newest first; or only those awaiting their review after the fact");
        acts.MapPost("/{id:guid}/review", async Task<Results<Ok<EmergencyAct>, ProblemHttpResult>> (Guid id, EmergencyActReview review, ApprovalWorkflow workflow, HttpContext http, CancellationToken ct) =>
                await workflow.ReviewEmergencyActAsync(ActorIdentity.FromPrincipal(http.User), id, review.Notes, ct) is { } act ? TypedResults.Ok(act) : AdminProblems.NotFound("emergency act"))
            .WithName("ReviewEmergencyAct").WithSummary("Record the review after the fact of an emergency act, by a person other than who took it")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    /// <summary>A subscription's decision by the approval profile's decider, or its revocation at once (an emergency act).</summary>
    public static RouteGroupBuilder MapSubscriptionDecisionAdminApi(this RouteGroupBuilder admin)
    {
        var subscriptions = admin.MapGroup("/subscriptions").WithTags("Subscription");
        subscriptions.MapPost("/{id:guid}/status", async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> (Guid id, SubscriptionStatusChange change, ApprovalWorkflow workflow, RegistryCatalog catalog, HttpContext http, CancellationToken ct) =>
            {
                var actor = ActorIdentity.FromPrincipal(http.User);
                var found = change.Status switch
                {
                    SubscriptionStatus.Revoked => await workflow.RevokeSubscriptionAsync(actor, id, change.Reason, ct) is not null,
                    SubscriptionStatus.Requested => throw new RegistryConflictException("A subscription does not move back to Requested."),
                    _ => await workflow.DecideSubscriptionAsync(actor, id, change.Status == SubscriptionStatus.Approved, change.Reason, ct) is not null,
                };
                return found && await catalog.FindSubscriptionAsync(id, ct) is { } s ? TypedResults.Ok(SubscriptionResponse.From(s)) : AdminProblems.NotFound("subscription");
            })
            .WithName("MoveSubscription")
            .WithSummary("Approve or reject a subscription (the decider of the approval profile: the API's OPD's publisher or data owner, never who asked), or revoke it at once with a reason (an emergency act)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }
}
