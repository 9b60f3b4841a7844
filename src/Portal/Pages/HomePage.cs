using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Approvals;
using SpbeConnector.Portal.Components.Home;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Pages;

/// <summary>The start page after sign-in (Components/Home/HomePage.razor): the role's pending work counted, then its links.</summary>
public static class HomePage
{
    public static void Map(RouteGroupBuilder signedIn) => signedIn.MapGet("/", HomeAsync);

    private static async Task<IResult> HomeAsync(HttpContext http, ApprovalQueue queue, ApprovalWorkflow approvals, OnboardingWorkflow onboarding, ApplicationWorkflow applications)
    {
        var page = new PortalPage(http);
        var user = page.User!;
        var ct = http.RequestAborted;
        var tasks = new List<HomeTask>();
        void Pending(string href, string key, string countKey, int count, string id)
        {
            if (count > 0)
                tasks.Add(new HomeTask(href, key, page.T.Format(countKey, page.Count(count)), id));
        }

        Pending("/portal/tinjauan", "home.reviews", "home.count.requests", await queue.WaitingForAsync(user, ct), "pending-decisions");
        if (user.Is(PortalRole.PlatformAdministrator))
            Pending("/portal/tinjauan", "home.reviews", "home.count.inReview", (await approvals.ListRequestsAsync(null, pendingOnly: true, ct)).Count, "pending-requests");
        if (ApprovalQueue.MayReviewActs(user))
            Pending("/portal/tinjauan/darurat", "home.emergencyActs", "home.count.acts", (await queue.EmergencyActsAsync(ct)).Count, "pending-acts");
        if (user.Role == applications.SubscriptionDecider)
            Pending("/portal/langganan", "home.subscriptionRequests", "home.count.subscriptions",
                (await applications.ListRequestsToOpdAsync(user, ct)).Count(s => s.Subscription.Status == SubscriptionStatus.Requested), "pending-subscriptions");
        if (user.Role == PortalRole.ApiPublisher)
        {
            var own = await onboarding.ListAsync(user, ct);
            Pending("/portal/api", "home.myApis", "home.count.drafts", own.Count(x => x.Api.Status == ApiStatus.Draft), "pending-drafts");
            var ids = own.Select(x => x.Api.Id).ToHashSet();
            Pending("/portal/tinjauan", "home.ownRequests", "home.count.ownRequests", (await approvals.ListRequestsAsync(null, pendingOnly: true, ct)).Count(r => ids.Contains(r.ApiId)), "pending-own");
        }

        tasks.Add(new HomeTask("/portal/katalog", "home.catalog"));
        switch (user.Role)
        {
            case PortalRole.ApiPublisher:
                tasks.Add(new HomeTask("/portal/api/baru", "home.registerApi"));
                tasks.Add(new HomeTask("/portal/api", "home.myApis"));
                tasks.Add(new HomeTask("/portal/langganan", "home.subscriptionRequests"));
                break;
            case PortalRole.ApplicationDeveloper:
                tasks.Add(new HomeTask("/portal/aplikasi", "home.applications"));
                break;
            case PortalRole.OperationalReviewer or PortalRole.SecurityReviewer:
                tasks.Add(new HomeTask("/portal/tinjauan", "home.reviews"));
                break;
            case PortalRole.PlatformAdministrator:
                tasks.Add(new HomeTask("/portal/pengguna", "home.accounts"));
                tasks.Add(new HomeTask("/portal/opd", "home.opds"));
                tasks.Add(new HomeTask("/portal/tinjauan", "home.reviews"));
                break;
        }
        if (user.Is(PortalRole.SecurityAuditor, PortalRole.SecurityReviewer))
            tasks.Add(new HomeTask("/portal/keamanan", "home.security"));
        if (ServiceLevelReportAccess.MayRead(user))
            tasks.Add(new HomeTask(ServiceLevelReportAccess.Path, "home.sla"));
        return PortalView.Of<Components.Home.HomePage>(tasks);
    }
}
