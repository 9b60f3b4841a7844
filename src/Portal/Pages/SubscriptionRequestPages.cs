using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The owning OPD's decisions on subscriptions to its APIs (REG-11: the data-owning agency approves before its data is
/// integrated). A publisher sees and decides only the requests to their own OPD's APIs.
/// </summary>
public static class SubscriptionRequestPages
{
    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/langganan", (HttpContext http, ApplicationWorkflow workflow) => PageAsync(new PortalPage(http), workflow, FormErrors.None, null));
        signedIn.MapPost("/langganan/{id:guid}/keputusan", DecideAsync);
    }

    private static async Task<IResult> PageAsync(PortalPage page, ApplicationWorkflow workflow, FormErrors errors, string? message)
    {
        var t = page.T;
        if (page.User!.Role != workflow.SubscriptionDecider)
            return page.Forbidden();
        var requests = await workflow.ListRequestsToOpdAsync(page.User, page.Http.RequestAborted);
        var rows = requests.Select(r => H($"""
            <tr><td>{r.Subscription.Api?.Name} {r.Subscription.Api?.Version}</td><td><code>{r.Subscription.Client?.ClientId}</code><br>{r.Subscription.Client?.Name}</td>
            <td>{r.Request?.Plan ?? "—"}</td><td>{r.Request?.Purpose ?? ""}</td><td>{r.Request?.RequestedBy ?? ""}</td><td>{t["subscriptionStatus." + r.Subscription.Status]}</td>
            <td>{(r.Subscription.Status == SubscriptionStatus.Requested ? DecisionForm(page, r.Subscription.Id) : H($"{r.Request?.DecidedBy ?? ""} {r.Request?.DecisionNotes ?? ""}"))}</td></tr>
            """)).ToList();
        var body = H($"""
            <p>{t["subscriptionRequest.intro"]}</p>
            {page.Notice(message, "success")}
            {page.ErrorSummary(errors)}
            {(rows.Count == 0 ? H($"<p>{t["subscriptionRequest.none"]}</p>") : H($"<div class=\"table\"><table><thead><tr><th scope=\"col\">{t["field.api"]}</th><th scope=\"col\">{t["application.clientId"]}</th><th scope=\"col\">{t["field.plan"]}</th><th scope=\"col\">{t["field.purpose"]}</th><th scope=\"col\">{t["onboarding.who"]}</th><th scope=\"col\">{t["account.state"]}</th><th scope=\"col\">{t["field.decision"]}</th></tr></thead><tbody>{rows}</tbody></table></div>"))}
            """);
        return page.Render(t["subscriptionRequest.title"], body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static HtmlFragment DecisionForm(PortalPage page, Guid id) => page.Form($"/portal/langganan/{id}/keputusan", H($"""
        {page.TextArea("notes", "field.notes", null, FormErrors.None, 2, id: $"notes-{id}")}
        <button type="submit" name="decision" value="approve" class="primary">{page.T["review.approve"]}</button>
        <button type="submit" name="decision" value="reject" class="danger">{page.T["review.reject"]}</button>
        """));

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
            return await PageAsync(page, workflow, FormErrors.None, page.T[approve ? "subscriptionRequest.approved" : "subscriptionRequest.rejected"]);
        }
        catch (RegistryValidationException ex)
        {
            return await PageAsync(page, workflow, FormErrors.Of(ex, page.T), null);
        }
        catch (RegistryConflictException ex)
        {
            await audit.RecordAsync(http, "subscription.decide", "refused", page.User.Username, id.ToString(), new Dictionary<string, string?> { ["reason"] = ex.Message });
            return ex.Message == "application.subscriptionNotFound" ? page.NotFound() : await PageAsync(page, workflow, new FormErrors().With("decision", page.T.Problem(ex.Problem)), null);
        }
    }
}
