using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Browsing;
using SpbeConnector.Portal.Components.Applications;
using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// A developer's applications: registration, subscription requests with a plan and a purpose, the client secret
/// (issued after an approval, shown once, rotated on demand) and the public keys or certificate.
/// </summary>
public static class ApplicationPages
{
    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/aplikasi", (HttpContext http, ApplicationWorkflow workflow) => ListAsync(new PortalPage(http), workflow, FormErrors.None, null));
        signedIn.MapPost("/aplikasi", CreateAsync);
        signedIn.MapGet("/aplikasi/{clientId}", (string clientId, HttpContext http, ApplicationWorkflow workflow, PublishedApiCatalog published) =>
            DetailAsync(new PortalPage(http), workflow, published, clientId, FormErrors.None, null));
        signedIn.MapPost("/aplikasi/{clientId}/langganan", RequestSubscriptionAsync);
        signedIn.MapPost("/aplikasi/{clientId}/rahasia", IssueSecretAsync);
        signedIn.MapPost("/aplikasi/{clientId}/kunci", SetKeysAsync);
    }

    private static async Task<IResult> ListAsync(PortalPage page, ApplicationWorkflow workflow, FormErrors errors, IFormCollection? form)
    {
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        var clients = await workflow.ListClientsAsync(page.User, page.Http.RequestAborted);
        return PortalView.Of<ApplicationListPage>(new ApplicationListModel(clients, page.User.OpdCode, form?["name"], form?["description"], errors, PortalNotice.Take(page.Http)),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApplicationWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            var client = await workflow.CreateClientAsync(page.User, form["name"].ToString(), OpdPages.NullIfEmpty(form["description"]), http.RequestAborted);
            await audit.RecordAsync(http, "application.create", "succeeded", page.User.Username, client.ClientId, new Dictionary<string, string?> { ["opd"] = page.User.OpdCode });
            return PortalNotice.RedirectWith(http, $"/portal/aplikasi/{client.ClientId}", page.T.Format("application.created", client.Name));
        }
        catch (RegistryValidationException ex)
        {
            return await ListAsync(page, workflow, FormErrors.Of(ex, page.T), form);
        }
    }

    /// <summary>
    /// An application's page: the outcome of the last action (<see cref="PortalNotice"/>) and, right after the developer
    /// asked for one, the new secret (<see cref="IssuedSecretHandover"/>: once, never at the POST's address).
    /// <paramref name="typed"/> is what a refused form held, given back with its problems.
    /// </summary>
    private static async Task<IResult> DetailAsync(PortalPage page, ApplicationWorkflow workflow, PublishedApiCatalog published, string clientId,
        FormErrors errors, IFormCollection? typed)
    {
        var ct = page.Http.RequestAborted;
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        var client = await workflow.FindClientAsync(page.User, clientId, ct);
        if (client is null)
            return page.NotFound();
        var secret = errors.Count == 0 ? IssuedSecretHandover.Take(page.Http, page.User.Username, client.ClientId) : null;
        var subscriptions = await workflow.ListSubscriptionsAsync(client.ClientId, ct);
        var subscribed = subscriptions.Select(s => s.Subscription.ApiId).ToHashSet();
        // Only APIs this application has no subscription to (requested, approved or refused): asking again is refused anyway.
        var apis = (await published.AllRoutedAsync(ct)).Where(a => !subscribed.Contains(a.Api.Id)).ToList();
        var apiOptions = apis.Select(a => (a.Api.Id.ToString(), $"{a.Api.Name} — {a.Api.Opd?.Code}/{a.Api.Slug}/{a.Api.Version}")).ToList();
        var planOptions = apis.SelectMany(a => a.OfferedPlans).Distinct().Order(StringComparer.Ordinal).Select(p => (p, p)).ToList();
        return PortalView.Of<ApplicationPage>(new ApplicationPageModel(client, subscriptions, apiOptions, planOptions, secret, PortalNotice.Take(page.Http),
            ApplicationFormValues.From(typed), errors), errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>
    /// The outcome of the last action for the pages still built as HTML fragments (the API page, the decisions on
    /// subscriptions), as <c>Components/Notice.razor</c> shows it: a refusal as an alert.
    /// </summary>
    internal static HtmlFragment Notice(PortalPage page) => PortalNotice.Take(page.Http) is { } notice
        ? H($"<div class=\"notice {(notice.Refused ? "error" : "success")}\" role=\"{(notice.Refused ? "alert" : "status")}\"><p>{notice.Text}</p></div>")
        : HtmlFragment.Empty;

    private static async Task<IResult> RequestSubscriptionAsync(string clientId, HttpContext http, ApplicationWorkflow workflow, PublishedApiCatalog published, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return await ActAsync(page, workflow, published, clientId, form, async () =>
        {
            var apiId = Guid.TryParse(form["apiId"], out var id) ? id : Guid.Empty;
            await RequestAsync(http, workflow, audit, page.User!, clientId, apiId, form);
            return page.T["application.requested"];
        });
    }

    /// <summary>
    /// A subscription request, from an application's page or from the API's page in the catalog: the same rules (an
    /// offered plan, a purpose, no second subscription of the application to the API), the same approval workflow, and
    /// the same audit record.
    /// </summary>
    internal static async Task RequestAsync(HttpContext http, ApplicationWorkflow workflow, PortalAudit audit, Security.PortalPrincipal developer,
        string clientId, Guid apiId, IFormCollection form)
    {
        var subscription = await workflow.RequestSubscriptionAsync(developer, clientId, apiId, form["plan"], form["purpose"], http.RequestAborted);
        await audit.RecordAsync(http, "subscription.request", "succeeded", developer.Username, subscription.Id.ToString(),
            new Dictionary<string, string?> { ["client"] = clientId, ["api"] = apiId.ToString(), ["plan"] = form["plan"] });
    }

    private static async Task<IResult> IssueSecretAsync(string clientId, HttpContext http, ApplicationWorkflow workflow, PublishedApiCatalog published, PortalAudit audit)
    {
        var page = new PortalPage(http);
        return await ActAsync(page, workflow, published, clientId, null, async () =>
        {
            var secret = await workflow.IssueSecretAsync(page.User!, clientId, http.RequestAborted);
            await audit.RecordAsync(http, "application.secret-issue", "succeeded", page.User!.Username, clientId, new Dictionary<string, string?> { ["secretId"] = secret.SecretId.ToString() });
            IssuedSecretHandover.Keep(http, page.User.Username, secret);
            return page.T["application.secretIssued"];
        });
    }

    private static async Task<IResult> SetKeysAsync(string clientId, HttpContext http, ApplicationWorkflow workflow, PublishedApiCatalog published, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return await ActAsync(page, workflow, published, clientId, form, async () =>
        {
            await workflow.SetKeysAsync(page.User!, clientId, form["jwks"], form["certificate"], http.RequestAborted);
            await audit.RecordAsync(http, "application.keys", "succeeded", page.User!.Username, clientId);
            return page.T["application.keysSaved"];
        });
    }

    /// <summary>
    /// One change to an application, answered with a redirect to its page carrying the outcome (POST-redirect-GET: a
    /// refresh repeats nothing); a form with problems comes back at once with them and what was typed, nothing changed.
    /// </summary>
    private static async Task<IResult> ActAsync(PortalPage page, ApplicationWorkflow workflow, PublishedApiCatalog published, string clientId,
        IFormCollection? form, Func<Task<string>> action)
    {
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        var here = $"/portal/aplikasi/{clientId}";
        try
        {
            return PortalNotice.RedirectWith(page.Http, here, await action());
        }
        catch (RegistryValidationException ex)
        {
            return await DetailAsync(page, workflow, published, clientId, FormErrors.Of(ex, page.T), form);
        }
        catch (RegistryConflictException ex)
        {
            return ex.Message == "application.notFound" ? page.NotFound() : PortalNotice.RedirectWith(page.Http, here, page.T.Problem(ex.Problem), refused: true);
        }
    }
}
