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
            DetailAsync(new PortalPage(http), workflow, published, clientId, FormErrors.None, null, null));
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
            return Results.Redirect($"/portal/aplikasi/{client.ClientId}");
        }
        catch (RegistryValidationException ex)
        {
            return await ListAsync(page, workflow, FormErrors.Of(ex, page.T), form);
        }
    }

    private static async Task<IResult> DetailAsync(PortalPage page, ApplicationWorkflow workflow, PublishedApiCatalog published, string clientId,
        FormErrors errors, string? message, IssuedSecret? secret)
    {
        var t = page.T;
        var ct = page.Http.RequestAborted;
        var client = await workflow.FindClientAsync(page.User!, clientId, ct);
        if (client is null)
            return page.NotFound();
        var subscriptions = await workflow.ListSubscriptionsAsync(client.ClientId, ct);
        var apis = await published.AllWithProfilesAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var subscriptionRows = subscriptions.Select(s => H($"<tr><td>{s.Subscription.Api?.Name} ({s.Subscription.Api?.Opd?.Code})</td><td>{s.Request?.Plan ?? "—"}</td><td>{t["subscriptionStatus." + s.Subscription.Status]}</td><td>{s.Request?.DecisionNotes ?? ""}</td></tr>")).ToList();
        var secretRows = client.Secrets.OrderByDescending(s => s.CreatedAt).Select(s => H($"<tr><td>…{s.Hint}</td><td>{page.Time(s.CreatedAt)}</td><td>{(s.IsActiveAt(now) ? (s.ExpiresAt is { } end ? t.Format("application.secretUntil", page.Time(end)) : t["application.secretActive"]) : t["application.secretEnded"])}</td></tr>"));
        var shown = secret is null ? HtmlFragment.Empty : H($"""
            <div class="notice warning" role="status"><p>{t["application.secretOnce"]}</p>
            <p>{t["application.clientId"]}: <code id="issued-client-id">{secret.ClientId}</code></p>
            <p class="secret" id="issued-secret">{secret.Secret}</p></div>
            """);
        var apiOptions = apis.Where(a => a.Profile is not null).Select(a => (a.Api.Id.ToString(), $"{a.Api.Name} — {a.Api.Opd?.Code}/{a.Api.Slug}/{a.Api.Version}"));
        var planOptions = apis.SelectMany(a => a.Plans).Distinct().Select(p => (p, p));
        var body = H($"""
            {page.Notice(message, "success")}
            {shown}
            {page.ErrorSummary(errors)}
            <dl class="facts"><dt>{t["application.clientId"]}</dt><dd><code>{client.ClientId}</code></dd><dt>{t["field.opdCode"]}</dt><dd>{client.Opd?.Code}</dd>
            <dt>{t["account.state"]}</dt><dd>{t["clientStatus." + client.Status]}</dd><dt>{t["field.description"]}</dt><dd>{client.Description ?? ""}</dd></dl>
            <h2>{t["application.subscriptionsTitle"]}</h2>
            {(subscriptionRows.Count == 0 ? H($"<p>{t["application.noSubscriptions"]}</p>") : H($"<div class=\"table\"><table><thead><tr><th scope=\"col\">{t["field.api"]}</th><th scope=\"col\">{t["field.plan"]}</th><th scope=\"col\">{t["account.state"]}</th><th scope=\"col\">{t["field.notes"]}</th></tr></thead><tbody>{subscriptionRows}</tbody></table></div>"))}
            <h2>{t["application.requestTitle"]}</h2>
            {page.Form($"/portal/aplikasi/{client.ClientId}/langganan", H($"{page.Select("apiId", "field.api", apiOptions, null, errors)}{page.Select("plan", "field.plan", planOptions, null, errors)}{page.TextArea("purpose", "field.purpose", null, errors, 3, "application.purposeHint")}<button type=\"submit\" class=\"primary\">{t["application.request"]}</button>"))}
            <h2>{t["application.credentialsTitle"]}</h2>
            <p>{t["application.credentialsIntro"]}</p>
            {(client.Secrets.Count == 0 ? HtmlFragment.Empty : H($"<div class=\"table\"><table><thead><tr><th scope=\"col\">{t["application.secretHint"]}</th><th scope=\"col\">{t["onboarding.when"]}</th><th scope=\"col\">{t["account.state"]}</th></tr></thead><tbody>{secretRows}</tbody></table></div>"))}
            {page.Form($"/portal/aplikasi/{client.ClientId}/rahasia", H($"<button type=\"submit\">{t["application.issueSecret"]}</button>"))}
            <h2>{t["application.keysTitle"]}</h2>
            <p>{t["application.keysIntro"]}</p>
            {page.Form($"/portal/aplikasi/{client.ClientId}/kunci", H($"{page.TextArea("jwks", "field.jwks", client.Jwks, errors, 5)}{page.TextArea("certificate", "field.certificate", null, errors, 5, "application.certificateHint")}<button type=\"submit\">{t["application.saveKeys"]}</button>"))}
            """);
        return page.Render(client.Name, body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> RequestSubscriptionAsync(string clientId, HttpContext http, ApplicationWorkflow workflow, PublishedApiCatalog published, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return await ActAsync(page, workflow, published, clientId, async () =>
        {
            var apiId = Guid.TryParse(form["apiId"], out var id) ? id : Guid.Empty;
            var subscription = await workflow.RequestSubscriptionAsync(page.User!, clientId, apiId, form["plan"], form["purpose"], http.RequestAborted);
            await audit.RecordAsync(http, "subscription.request", "succeeded", page.User!.Username, subscription.Id.ToString(),
                new Dictionary<string, string?> { ["client"] = clientId, ["api"] = apiId.ToString(), ["plan"] = form["plan"] });
            return (page.T["application.requested"], null);
        });
    }

    private static async Task<IResult> IssueSecretAsync(string clientId, HttpContext http, ApplicationWorkflow workflow, PublishedApiCatalog published, PortalAudit audit)
    {
        var page = new PortalPage(http);
        return await ActAsync(page, workflow, published, clientId, async () =>
        {
            var secret = await workflow.IssueSecretAsync(page.User!, clientId, http.RequestAborted);
            await audit.RecordAsync(http, "application.secret-issue", "succeeded", page.User!.Username, clientId, new Dictionary<string, string?> { ["secretId"] = secret.SecretId.ToString() });
            return (page.T["application.secretIssued"], secret);
        });
    }

    private static async Task<IResult> SetKeysAsync(string clientId, HttpContext http, ApplicationWorkflow workflow, PublishedApiCatalog published, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        return await ActAsync(page, workflow, published, clientId, async () =>
        {
            await workflow.SetKeysAsync(page.User!, clientId, form["jwks"], form["certificate"], http.RequestAborted);
            await audit.RecordAsync(http, "application.keys", "succeeded", page.User!.Username, clientId);
            return (page.T["application.keysSaved"], null);
        });
    }

    /// <summary>One change to an application; the page comes back with its message, or with the problems and nothing changed.</summary>
    private static async Task<IResult> ActAsync(PortalPage page, ApplicationWorkflow workflow, PublishedApiCatalog published, string clientId,
        Func<Task<(string Message, IssuedSecret? Secret)>> action)
    {
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        try
        {
            var (message, secret) = await action();
            return await DetailAsync(page, workflow, published, clientId, FormErrors.None, message, secret);
        }
        catch (RegistryValidationException ex)
        {
            return await DetailAsync(page, workflow, published, clientId, FormErrors.Of(ex, page.T), null, null);
        }
        catch (RegistryConflictException ex)
        {
            return ex.Message == "application.notFound" ? page.NotFound() : await DetailAsync(page, workflow, published, clientId, new FormErrors().With("application", page.T.Problem(ex.Problem)), null, null);
        }
    }
}
