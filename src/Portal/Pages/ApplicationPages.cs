using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Browsing;
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
        var t = page.T;
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        var clients = await workflow.ListClientsAsync(page.User, page.Http.RequestAborted);
        var rows = clients.Select(c => H($"<tr><td><a href=\"/portal/aplikasi/{c.ClientId}\">{c.Name}</a></td><td><code>{c.ClientId}</code></td><td>{t["clientStatus." + c.Status]}</td></tr>")).ToList();
        var table = rows.Count == 0 ? H($"<p>{t["application.none"]}</p>")
            : H($"<div class=\"table\"><table><thead><tr><th scope=\"col\">{t["field.name"]}</th><th scope=\"col\">{t["application.clientId"]}</th><th scope=\"col\">{t["account.state"]}</th></tr></thead><tbody>{rows}</tbody></table></div>");
        var body = H($"""
            {Notice(page)}
            {table}
            <h2>{t["application.createTitle"]}</h2>
            <p>{t.Format("application.createIntro", page.User.OpdCode)}</p>
            {page.ErrorSummary(errors)}
            {page.Form("/portal/aplikasi", H($"{page.Input("name", "field.name", form?["name"], errors, required: true)}{page.TextArea("description", "field.description", form?["description"], errors, 3)}<button type=\"submit\" class=\"primary\">{t["application.create"]}</button>"))}
            """);
        return page.Render(t["application.title"], body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
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
            return await ListAsync(page, workflow, new FormErrors(ex.Errors), form);
        }
    }

    /// <summary>
    /// An application's page: the outcome of the last action (<see cref="PortalNotice"/>) and, right after the developer
    /// asked for one, the new secret (<see cref="IssuedSecretHandover"/>: once, never at the POST's address).
    /// <paramref name="typed"/> is what a refused subscription request held, given back with its problems.
    /// </summary>
    private static async Task<IResult> DetailAsync(PortalPage page, ApplicationWorkflow workflow, PublishedApiCatalog published, string clientId,
        FormErrors errors, IFormCollection? typed)
    {
        var t = page.T;
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
        var now = DateTimeOffset.UtcNow;
        var subscriptionRows = subscriptions.Select(s => H($"<tr><td><a href=\"/portal/katalog/{s.Subscription.ApiId}\">{s.Subscription.Api?.Name}</a> ({s.Subscription.Api?.Opd?.Code})</td><td>{s.Request?.Plan ?? s.Subscription.Plan?.Name ?? "—"}</td><td>{t["subscriptionStatus." + s.Subscription.Status]}</td><td>{s.Request?.DecisionNotes ?? ""}</td></tr>")).ToList();
        var secretRows = client.Secrets.OrderByDescending(s => s.CreatedAt).Select(s => H($"<tr><td>…{s.Hint}</td><td>{page.Time(s.CreatedAt)}</td><td>{(s.IsActiveAt(now) ? (s.ExpiresAt is { } end ? t.Format("application.secretUntil", page.Time(end)) : t["application.secretActive"]) : t["application.secretEnded"])}</td></tr>"));
        var shown = secret is null ? HtmlFragment.Empty : H($"""
            <div class="notice warning" role="status" id="issued"><p>{t["application.secretOnce"]}</p>
            <p>{t["application.clientId"]}: <code id="issued-client-id">{secret.ClientId}</code></p>
            <p class="secret" id="issued-secret">{secret.Secret}</p></div>
            """);
        var apiOptions = apis.Select(a => (a.Api.Id.ToString(), $"{a.Api.Name} — {a.Api.Opd?.Code}/{a.Api.Slug}/{a.Api.Version}"));
        var planOptions = apis.SelectMany(a => a.OfferedPlans).Distinct().Order(StringComparer.Ordinal).Select(p => (p, p));
        var requestForm = apis.Count == 0 ? H($"<p>{t["application.nothingToRequest"]}</p>")
            : page.Form($"/portal/aplikasi/{client.ClientId}/langganan", H($"{page.Select("apiId", "field.api", apiOptions, typed?["apiId"], errors)}{page.Select("plan", "field.plan", planOptions, typed?["plan"], errors)}{page.TextArea("purpose", "field.purpose", typed?["purpose"], errors, 3, "application.purposeHint")}<button type=\"submit\" class=\"primary\">{t["application.request"]}</button>"));
        var body = H($"""
            {Notice(page)}
            {shown}
            {page.ErrorSummary(errors)}
            <dl class="facts"><dt>{t["application.clientId"]}</dt><dd><code>{client.ClientId}</code></dd><dt>{t["field.opdCode"]}</dt><dd>{client.Opd?.Code}</dd>
            <dt>{t["account.state"]}</dt><dd>{t["clientStatus." + client.Status]}</dd><dt>{t["field.description"]}</dt><dd>{client.Description ?? ""}</dd></dl>
            <h2>{t["application.subscriptionsTitle"]}</h2>
            {(subscriptionRows.Count == 0 ? H($"<p>{t["application.noSubscriptions"]}</p>") : H($"<div class=\"table\"><table id=\"subscriptions\"><thead><tr><th scope=\"col\">{t["field.api"]}</th><th scope=\"col\">{t["field.plan"]}</th><th scope=\"col\">{t["account.state"]}</th><th scope=\"col\">{t["field.notes"]}</th></tr></thead><tbody>{subscriptionRows}</tbody></table></div>"))}
            <h2>{t["application.requestTitle"]}</h2>
            <p>{t["application.requestIntro"]}</p>
            {requestForm}
            <h2>{t["application.credentialsTitle"]}</h2>
            <p>{t["application.credentialsIntro"]}</p>
            {(client.Secrets.Count == 0 ? H($"<p id=\"no-secret\">{t["application.noSecret"]}</p>") : H($"<div class=\"table\"><table id=\"secrets\"><thead><tr><th scope=\"col\">{t["application.secretHint"]}</th><th scope=\"col\">{t["onboarding.when"]}</th><th scope=\"col\">{t["account.state"]}</th></tr></thead><tbody>{secretRows}</tbody></table></div>"))}
            {page.Form($"/portal/aplikasi/{client.ClientId}/rahasia", H($"<button type=\"submit\">{t["application.issueSecret"]}</button>"))}
            <h2>{t["application.keysTitle"]}</h2>
            <p>{t["application.keysIntro"]}</p>
            {page.Form($"/portal/aplikasi/{client.ClientId}/kunci", H($"{page.TextArea("jwks", "field.jwks", typed?["jwks"] ?? client.Jwks, errors, 5)}{page.TextArea("certificate", "field.certificate", typed?["certificate"], errors, 5, "application.certificateHint")}<button type=\"submit\">{t["application.saveKeys"]}</button>"))}
            """);
        return page.Render(client.Name, body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The outcome of the last action, carried across its redirect: a refusal as an alert.</summary>
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
            return await DetailAsync(page, workflow, published, clientId, new FormErrors(ex.Errors), form);
        }
        catch (RegistryConflictException ex)
        {
            return ex.Message == "application.notFound" ? page.NotFound() : PortalNotice.RedirectWith(page.Http, here, page.T[ex.Message], refused: true);
        }
    }
}
