using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>The reviewers' queue: the APIs waiting for a feasibility decision, the user's own stage first.</summary>
public static class ReviewQueuePage
{
    public static void Map(RouteGroupBuilder signedIn) => signedIn.MapGet("/tinjauan", async (HttpContext http, OnboardingWorkflow workflow) =>
    {
        var page = new PortalPage(http);
        if (!page.User!.Is(PortalRole.OperationalReviewer, PortalRole.SecurityReviewer, PortalRole.PlatformAdministrator))
            return page.Forbidden();
        var all = await workflow.ListAsync(page.User, http.RequestAborted);
        var waiting = all.Where(x => x.Profile.Stage is OnboardingStage.AwaitingCombinedReview or OnboardingStage.AwaitingOperationalReview or OnboardingStage.AwaitingSecurityReview);
        var body = H($"<p>{page.T["review.queueIntro"]}</p>{OnboardingPages.ApiTable(page, waiting)}");
        return page.Render(page.T["review.queueTitle"], body);
    });
}
