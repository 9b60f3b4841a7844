using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Approvals;

/// <summary>
/// The portal's reading of the approval workflow's state (issue 18: the workflow owns the state, the portal renders
/// it): the requests waiting for a decision across APIs, with what each changes and who is expected to act, and the
/// emergency acts waiting for a second person's review. Nothing here decides: decisions go through
/// <see cref="ApprovalWorkflow"/> (by way of <see cref="OnboardingWorkflow"/>).
/// </summary>
public sealed class ApprovalQueue(ApprovalWorkflow approvals, ApiCatalog catalog)
{
    /// <summary>Who reviews an emergency act after the fact (the workflow refuses anyone else, and who took it).</summary>
    public static bool MayReviewActs(PortalPrincipal user) => user.Is(PortalRole.SecurityReviewer, PortalRole.PlatformAdministrator);

    /// <summary>
    /// Who takes an emergency act on the portal's form: the platform administrator or a security reviewer, the roles the
    /// workflow allows for every act (it checks again).
    /// </summary>
    public static bool MayTakeActs(PortalPrincipal user) => user.Is(PortalRole.PlatformAdministrator, PortalRole.SecurityReviewer);

    /// <summary>Who reads the queue: reviewers and the platform administrator every API's, a publisher their OPD's.</summary>
    public static bool MayRead(PortalPrincipal user) =>
        user.Is(PortalRole.OperationalReviewer, PortalRole.SecurityReviewer, PortalRole.PlatformAdministrator, PortalRole.ApiPublisher);

    /// <summary>The requests waiting for a decision that the user may see (one API's when <paramref name="apiId"/> is set), the oldest first.</summary>
    public async Task<IReadOnlyList<PendingRequestView>> PendingAsync(PortalPrincipal user, PortalText t, Guid? apiId, CancellationToken ct)
    {
        if (!MayRead(user))
            return [];
        var requests = await approvals.ListRequestsAsync(apiId, pendingOnly: true, ct);
        var views = new List<PendingRequestView>();
        foreach (var request in requests.OrderBy(r => r.SubmittedAt))
        {
            var api = await catalog.FindApiAsync(request.ApiId, ct);
            if (api is null || (user.Role == PortalRole.ApiPublisher && api.Opd?.Code != user.OpdCode))
                continue;
            var profile = request.Kind == ApprovalRequestKind.Change ? await catalog.FindApiProfileAsync(api.Id, ct) : null;
            views.Add(View(request, api, profile, user, t));
        }
        return views;
    }

    /// <summary>How many requests wait in a stage the user's role decides (the home page's count).</summary>
    public async Task<int> WaitingForAsync(PortalPrincipal user, CancellationToken ct)
    {
        if (!user.Is(PortalRole.OperationalReviewer, PortalRole.SecurityReviewer))
            return 0;
        var requests = await approvals.ListRequestsAsync(null, pendingOnly: true, ct);
        return requests.Count(r => approvals.ProfileOf(r).StageAt(r.StageIndex) is { } stage && stage.DecidedBy.Contains(user.Role));
    }

    /// <summary>The emergency acts no second person has reviewed yet, newest first, each with its API when it stopped one.</summary>
    public async Task<IReadOnlyList<EmergencyActView>> EmergencyActsAsync(CancellationToken ct)
    {
        var acts = await approvals.ListEmergencyActsAsync(awaitingReviewOnly: true, ct);
        var views = new List<EmergencyActView>();
        foreach (var act in acts)
            views.Add(new EmergencyActView(act, act.Act.StartsWith("api-", StringComparison.Ordinal) && Guid.TryParse(act.Target, out var id) ? await catalog.FindApiAsync(id, ct) : null));
        return views;
    }

    private PendingRequestView View(ApprovalRequest request, Api api, ApiProfile? profile, PortalPrincipal user, PortalText t)
    {
        var approvalProfile = approvals.ProfileOf(request);
        var stage = approvalProfile.StageAt(request.StageIndex);
        var change = request.Kind == ApprovalRequestKind.Change ? ApprovalWorkflow.ReadChange(request) : null;
        var lines = change is null ? [] : ChangeComparison.Between(api, profile, change, t);
        var document = change?.Api?.OpenApiDocument;
        var diff = document is not null && !string.Equals(document, api.OpenApiDocument, StringComparison.Ordinal)
            ? DocumentOperationDiff.Between(api.DocumentRevision, DocumentOperations.Read(api.OpenApiDocument), DocumentOperations.Read(document))
            : null;
        return new PendingRequestView(request, api, approvalProfile, stage, lines, diff, stage is not null && stage.DecidedBy.Contains(user.Role));
    }
}
