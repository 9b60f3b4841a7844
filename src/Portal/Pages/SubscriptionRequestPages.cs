using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Components.Applications;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The owning OPD's decisions on subscriptions to its APIs (REG-11: the data-owning agency approves before its data is
/// integrated). A publisher sees and decides only the requests to their own OPD's APIs.
/// </summary>
public static class SubscriptionRequestPages
{
    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/langganan", (HttpContext http, ApplicationWorkflow workflow) => PageAsync(new PortalPage(http), workflow, FormErrors.None));
        signedIn.MapPost("/langganan/{id:guid}/keputusan", DecideAsync);
    }

    private static async Task<IResult> PageAsync(PortalPage page, ApplicationWorkflow workflow, FormErrors errors)
    {
        if (page.User!.Role != workflow.SubscriptionDecider)
            return page.Forbidden();
        var requests = await workflow.ListRequestsToOpdAsync(page.User, page.Http.RequestAborted);
        return PortalView.Of<SubscriptionRequestsPage>(new SubscriptionRequestsModel(requests, PortalNotice.Take(page.Http), errors),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> DecideAsync(Guid id, HttpContext http, ApplicationWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != workflow.SubscriptionDecider)
            return page.Forbidden();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var approve = form["decision"] == "approve";
        try
        {
            var subscription = await workflow.DecideSubscriptionAsync(page.User, id, approve, form["notes"], http.RequestAborted);
            await audit.RecordAsync(http, approve ? "subscription.approve" : "subscription.reject", "succeeded", page.User.Username, id.ToString(),
                new Dictionary<string, string?> { ["client"] = subscription.Client?.ClientId, ["api"] = subscription.ApiId.ToString(), ["notes"] = OpdPages.NullIfEmpty(form["notes"]) });
            // POST-redirect-GET: a refresh shows the list again instead of deciding twice.
            return PortalNotice.RedirectWith(http, "/portal/langganan", page.T[approve ? "subscriptionRequest.approved" : "subscriptionRequest.rejected"]);
        }
        catch (RegistryValidationException ex)
        {
            return await PageAsync(page, workflow, FormErrors.Of(ex, page.T));
        }
        catch (RegistryConflictException ex)
        {
            await audit.RecordAsync(http, "subscription.decide", "refused", page.User.Username, id.ToString(), new Dictionary<string, string?> { ["reason"] = ex.Message });
            return ex.Message == "application.subscriptionNotFound" ? page.NotFound() : PortalNotice.RedirectWith(http, "/portal/langganan", page.T.Problem(ex.Problem), refused: true);
        }
    }
}
