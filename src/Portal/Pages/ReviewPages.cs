using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
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
/// through the approval workflow, the emergency acts waiting for a second person's review, and the form that takes an
/// emergency act (disable a client, revoke a subscription, suspend or retire an API). Every decision redirects
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
        // Cast: a lambda of HttpContext alone would bind as a RequestDelegate and discard the page.
        signedIn.MapGet("/tinjauan/darurat/baru", (Delegate)((HttpContext http) => TakeActPageAsync(http, null, null, null, FormErrors.None)));
        signedIn.MapPost("/tinjauan/darurat/baru", TakeActAsync);
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
        return PortalView.Of<ReviewQueuePage>(new ReviewQueueModel(requests, acts, mayReviewActs, PortalNotice.Take(http)));
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
            return PortalNotice.RedirectWith(http, back == "/portal" ? $"/portal/api/{apiId}" : back, page.T["result." + result]);
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
        return PortalView.Of<EmergencyActsPage>(new EmergencyActsModel(acts, ApprovalQueue.MayReviewActs(user), failed, errors, errors.Count > 0 ? null : PortalNotice.Take(http)),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReviewActAsync(Guid actId, HttpContext http, ApprovalWorkflow approvals, ApprovalQueue queue)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            var act = await approvals.ReviewEmergencyActAsync(page.User!.ToActor(), actId, form["notes"], http.RequestAborted);
            return act is null ? page.NotFound() : PortalNotice.RedirectWith(http, "/portal/tinjauan/darurat", page.T["result.actReviewed"]);
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

    /// <summary>The acts the emergency form offers, in the order shown, each with what the workflow calls to take it.</summary>
    private static readonly string[] Acts = ["client-disabled", "subscription-revoked", "api-suspended", "api-retired"];

    /// <summary>The emergency act form with what each act can stop now; a refused act comes back with its problems (400).</summary>
    private static async Task<IResult> TakeActPageAsync(HttpContext http, string? act, string? target, string? reason, FormErrors errors)
    {
        var page = new PortalPage(http);
        if (!ApprovalQueue.MayTakeActs(page.User!))
            return page.Forbidden();
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var clients = (await services.GetRequiredService<ClientCatalog>().ListClientsAsync(null, ct))
            .Where(c => c.Status == ClientStatus.Enabled && !c.IsManagementClient).OrderBy(c => c.Name)
            .Select(c => (c.ClientId, $"{c.Name} ({c.ClientId}){(c.Opd is { } opd ? " · " + opd.Code : "")}")).ToList();
        var subscriptions = (await services.GetRequiredService<SubscriptionCatalog>().ListSubscriptionsAsync(null, null, SubscriptionStatus.Approved, ct))
            .Select(s => (s.Id.ToString(), $"{s.Client?.Name} ({s.Client?.ClientId}) → /{s.Api?.Opd?.Code}/{s.Api?.Slug}/{s.Api?.Version}")).OrderBy(s => s.Item2).ToList();
        var apis = await services.GetRequiredService<ApiCatalog>().ListApisAsync(null, null, ct);
        IReadOnlyList<(string, string)> Apis(ApiStatus target) => apis.Where(a => ApiLifecycle.IsLive(a.Status) && ApiLifecycle.CanMove(a.Status, target))
            .Select(a => (a.Id.ToString(), $"{a.Name} (/{a.Opd?.Code}/{a.Slug}/{a.Version}) · {page.T["apiStatus." + a.Status]}")).OrderBy(a => a.Item2).ToList();
        var offered = new List<(string, IReadOnlyList<(string, string)>)>
        {
            (Acts[0], clients), (Acts[1], subscriptions), (Acts[2], Apis(ApiStatus.Suspended)), (Acts[3], Apis(ApiStatus.Retired)),
        };
        return PortalView.Of<TakeEmergencyActPage>(new TakeEmergencyActModel(offered, act, target, reason, errors),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>
    /// Takes an emergency act through the approval workflow: it takes effect at once (a disabled client's tokens are
    /// refused at the gateway from this moment) and waits for a second person's review after the fact.
    /// </summary>
    private static async Task<IResult> TakeActAsync(HttpContext http, ApprovalWorkflow approvals, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var user = page.User!;
        if (!ApprovalQueue.MayTakeActs(user))
            return page.Forbidden();
        var ct = http.RequestAborted;
        var form = await http.Request.ReadFormAsync(ct);
        var act = form["act"].ToString();
        var target = form["target"].ToString().Trim();
        var reason = form["reason"].ToString();
        if (!Acts.Contains(act))
            return await TakeActPageAsync(http, null, null, null, new FormErrors().With("act", "emergency.chooseAct"));
        var actor = user.ToActor();
        var id = Guid.TryParse(target, out var parsed) ? parsed : Guid.Empty;
        try
        {
            var taken = act switch
            {
                "client-disabled" when target.Length > 0 => await approvals.SetClientStatusAsync(actor, target, ClientStatus.Disabled, reason, ct) is not null,
                "subscription-revoked" when id != Guid.Empty => await approvals.RevokeSubscriptionAsync(actor, id, reason, ct) is not null,
                "api-suspended" when id != Guid.Empty => await approvals.SuspendApiAsync(actor, id, reason, ct) is not null,
                "api-retired" when id != Guid.Empty => await approvals.RetireApiAsync(actor, id, reason, ct) is not null,
                _ => false,
            };
            if (!taken)
                return await TakeActPageAsync(http, act, target, reason, new FormErrors().With("target", "emergency.chooseTarget"));
            await audit.RecordAsync(http, "emergency." + act, "succeeded", user.Username, target, new Dictionary<string, string?> { ["reason"] = reason.Trim() });
            return PortalNotice.RedirectWith(http, "/portal/tinjauan/darurat", page.T["emergency.taken." + act]);
        }
        catch (ApprovalRefusedException)
        {
            return await TakeActPageAsync(http, act, target, reason, new FormErrors().With("act", "emergency.notYourAct"));
        }
        catch (RegistryValidationException)
        {
            return await TakeActPageAsync(http, act, target, reason, new FormErrors().With("reason", "emergency.reasonRequired"));
        }
        catch (RegistryConflictException)
        {
            // The target moved meanwhile (an API retired by someone else, a subscription revoked already).
            return await TakeActPageAsync(http, act, target, reason, new FormErrors().With("target", "emergency.notApplicable"));
        }
    }
}
