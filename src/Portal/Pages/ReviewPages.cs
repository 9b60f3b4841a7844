using System.Globalization;
using SpbeConnector.Portal.Accounts.Pages;
using SpbeConnector.Portal.Approvals;
using SpbeConnector.Portal.Components.Review;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The reviewers' pages (Components/Review): the requests waiting for a decision across APIs with the decision per stage
/// through the approval workflow, and the emergency acts waiting for a second person's review. Every decision redirects
/// to the page it was taken on (POST-redirect-GET); a refused one shows the API's review page with the reason.
/// </summary>
public static class ReviewPages
{
    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/tinjauan", QueueAsync);
        signedIn.MapPost("/tinjauan/{requestId:guid}/keputusan", DecideAsync).WithMetadata(UploadRequestLimit.Default);
        signedIn.MapGet("/tinjauan/darurat", (HttpContext http, ApprovalQueue queue) => ActsPageAsync(http, queue, null, FormErrors.None));
        signedIn.MapPost("/tinjauan/darurat/{actId:guid}", ReviewActAsync);
    }

    private static async Task<IResult> QueueAsync(HttpContext http, ApprovalQueue queue)
    {
        var page = new PortalPage(http);
        var user = page.User!;
        if (!ApprovalQueue.MayRead(user))
            return page.Forbidden();
        var requests = await queue.PendingAsync(user, page.T, null, http.RequestAborted);
        var mayReviewActs = ApprovalQueue.MayReviewActs(user);
        var acts = mayReviewActs ? (await queue.EmergencyActsAsync(http.RequestAborted)).Count : 0;
        return PortalView.Of<ReviewQueuePage>(new ReviewQueueModel(requests, acts, mayReviewActs));
    }

    /// <summary>The external authority's letter given with a decision, or null when the form carries none (a local stage).</summary>
    private static async Task<ExternalDecisionLetter?> ReadLetterAsync(IFormCollection form)
    {
        if (!form.ContainsKey("letterNumber") && form.Files.GetFile("letterFile") is null)
            return null;
        var file = form.Files.GetFile("letterFile");
        byte[]? content = null;
        if (file is { Length: > 0 and <= ExternalDecisionLetter.MaximumBytes })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        else if (file is { Length: > ExternalDecisionLetter.MaximumBytes })
            content = new byte[ExternalDecisionLetter.MaximumBytes + 1]; // refused by the workflow's size rule, named beside the field
        DateOnly? date = DateOnly.TryParseExact(form["letterDate"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new ExternalDecisionLetter(OpdPages.NullIfEmpty(form["letterNumber"]), date, OpdPages.NullIfEmpty(form["letterIssuer"]), file?.FileName, file?.ContentType, content);
    }

    private static async Task<IResult> DecideAsync(Guid requestId, HttpContext http, OnboardingWorkflow workflow, ApprovalWorkflow approvals, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var ct = http.RequestAborted;
        var request = await approvals.FindRequestAsync(requestId, ct);
        if (request is null || await workflow.FindAsync(page.User!, request.ApiId, ct) is null)
            return page.NotFound();
        var apiId = request.ApiId;
        var form = await http.Request.ReadFormAsync(ct);
        var decision = form["decision"].ToString();
        if (request.Status != ApprovalRequestStatus.Pending)
            return await OnboardingPages.ReviewPageAsync(http, apiId, new FormErrors().With("decision", "approvals.notPending"));
        if (decision is not ("approve" or "reject"))
            return await OnboardingPages.ReviewPageAsync(http, apiId, new FormErrors().With("decision", "review.chooseDecision"));
        // The revision the reviewer was shown; a form without one decides on nothing.
        if (!int.TryParse(form["revision"], NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            return await OnboardingPages.ReviewPageAsync(http, apiId, new FormErrors().With("decision", "review.documentChanged"));
        try
        {
            var next = await workflow.DecideAsync(page.User!, apiId, decision == "approve", form["notes"], ct, revision, await ReadLetterAsync(form));
            await audit.RecordAsync(http, decision == "approve" ? "api.approve" : "api.reject", "succeeded", page.User!.Username, apiId.ToString(),
                new Dictionary<string, string?> { ["requestId"] = requestId.ToString(), ["next"] = next.ToString(), ["notes"] = OpdPages.NullIfEmpty(form["notes"]) });
            var decided = await approvals.FindRequestAsync(requestId, ct);
            var result = decided?.Status switch
            {
                ApprovalRequestStatus.Approved => request.Kind == ApprovalRequestKind.Change ? "changeApproved" : "published",
                ApprovalRequestStatus.Rejected => "rejected",
                _ => "decided",
            };
            var back = AccountPages.SafeReturn(form["kembali"]);
            return Results.Redirect(ResultNotice.After(back == "/portal" ? $"/portal/api/{apiId}" : back, result));
        }
        catch (RegistryValidationException ex)
        {
            return await OnboardingPages.ReviewPageAsync(http, apiId, FormErrors.Of(ex, page.T));
        }
        catch (RegistryConflictException ex)
        {
            await audit.RecordAsync(http, "api.decide", "refused", page.User!.Username, apiId.ToString(), new Dictionary<string, string?> { ["reason"] = ex.Message });
            return ex.Message == "onboarding.notFound" ? page.NotFound() : await OnboardingPages.ReviewPageAsync(http, apiId, new FormErrors().With("decision", page.T.Problem(ex.Problem)));
        }
    }

    private static async Task<IResult> ActsPageAsync(HttpContext http, ApprovalQueue queue, Guid? failed, FormErrors errors)
    {
        var page = new PortalPage(http);
        var user = page.User!;
        if (!ApprovalQueue.MayReviewActs(user) && !user.Is(PortalRole.SecurityAuditor))
            return page.Forbidden();
        var acts = await queue.EmergencyActsAsync(http.RequestAborted);
        return PortalView.Of<EmergencyActsPage>(new EmergencyActsModel(acts, ApprovalQueue.MayReviewActs(user), failed, errors),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReviewActAsync(Guid actId, HttpContext http, ApprovalWorkflow approvals, ApprovalQueue queue)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            var act = await approvals.ReviewEmergencyActAsync(page.User!.ToActor(), actId, form["notes"], http.RequestAborted);
            return act is null ? page.NotFound() : Results.Redirect(ResultNotice.After("/portal/tinjauan/darurat", "actReviewed"));
        }
        catch (ApprovalRefusedException ex)
        {
            return await ActsPageAsync(http, queue, actId, new FormErrors().With("act", ex.Rule == "four-eyes" ? "emergency.fourEyes" : "emergency.notYourRole"));
        }
        catch (RegistryValidationException)
        {
            return await ActsPageAsync(http, queue, actId, new FormErrors().With("notes", "emergency.notesRequired"));
        }
        catch (RegistryConflictException)
        {
            return await ActsPageAsync(http, queue, actId, new FormErrors().With("act", "emergency.alreadyReviewed"));
        }
    }
}
