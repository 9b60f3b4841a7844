using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.Portal.Applications;
using SpbeConnector.Portal.Browsing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The API catalog (REG-01, REG-02): published APIs searchable by words, OPD, tag and classification; an API's page
/// with its metadata, plans and SLA, example requests against this gateway and its token endpoint, and its operations
/// rendered by Swagger UI from the stored document (assets served by the gateway under <see cref="SwaggerUiPrefix"/>).
/// </summary>
public static class CatalogPages
{
    public const string SwaggerUiPrefix = "/portal/swagger-ui";

    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/katalog", ListAsync);
        signedIn.MapGet("/katalog/{id:guid}", (Guid id, HttpContext http, PublishedApiCatalog published, IApiServiceLevelSource serviceLevel, ApplicationWorkflow workflow) =>
            DetailAsync(id, http, published, serviceLevel, workflow, FormErrors.None, null));
        signedIn.MapPost("/katalog/{id:guid}/langganan", SubscribeAsync);
        signedIn.MapPost("/katalog/{id:guid}/token-uji", TryOutTokenAsync);
        signedIn.MapGet("/katalog/{id:guid}/openapi.json", DocumentAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, PublishedApiCatalog published, SpbeConnector.Registry.Catalog.OpdCatalog catalog)
    {
        var query = http.Request.Query;
        var classification = Enum.TryParse<InformationClassification>(query["klasifikasi"], out var c) ? c : (InformationClassification?)null;
        string? Text(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString();
        var search = new CatalogSearch(Text("q"), Text("opd"), Text("tag"), classification);
        var number = int.TryParse(query["halaman"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        var results = await published.SearchAsync(search, number, http.RequestAborted);
        var opds = await catalog.ListOpdsAsync(http.RequestAborted);
        var tags = await published.TagsAsync(http.RequestAborted);
        return PortalView.Of<Components.Catalog.CatalogListPage>(new Components.Catalog.CatalogListModel(
            search, opds.Select(o => (o.Code, $"{o.Code} — {o.Name}")).ToList(), tags, results));
    }

    /// <summary>
    /// An API's page. For a signed-in developer it is also where they subscribe (choosing one of their OPD's
    /// applications that has no subscription to the API yet, one of the API's plans, and the purpose), get a try-out
    /// token for an application already approved, and read examples with that application's client id filled in.
    /// <paramref name="typed"/> is a refused subscription request, given back with its problems.
    /// </summary>
    private static async Task<IResult> DetailAsync(Guid id, HttpContext http, PublishedApiCatalog published, IApiServiceLevelSource serviceLevel,
        ApplicationWorkflow workflow, FormErrors errors, IFormCollection? typed)
    {
        var page = new PortalPage(http);
        var t = page.T;
        var entry = await published.FindAsync(id, http.RequestAborted);
        if (entry is null)
            return page.NotFound();
        var api = entry.Api;
        var gateway = $"{http.Request.Scheme}://{http.Request.Host}";
        var apiBase = $"{gateway}/{api.Opd?.Code}/{api.Slug}/{api.Version}";
        var applications = page.User?.Role == PortalRole.ApplicationDeveloper
            ? await workflow.ApplicationsForApiAsync(page.User, api.Id, http.RequestAborted)
            : [];
        // The examples name the developer's own application when one is subscribed (approved first): its client id is
        // no secret, and with it the example runs as printed once the secret is in the environment.
        var exampleClient = applications.Where(a => a.Subscription is not null)
            .OrderBy(a => a.Subscription!.Status == SubscriptionStatus.Approved ? 0 : 1).Select(a => a.Client.ClientId).FirstOrDefault();
        var example = ExampleRequest.From(api.OpenApiDocument) ?? new ExampleRequest("GET", "/");
        var examples = Examples(t, gateway, apiBase, example, exampleClient);
        var profile = entry.Profile;
        var measured = await MeasuredAsync(page, serviceLevel, $"{api.Opd?.Code}/{api.Slug}/{api.Version}", http.RequestAborted);
        var body = H($"""
            <p>{api.Description ?? ""}</p>
            <dl class="facts">
            <dt>{t["field.opdCode"]}</dt><dd>{api.Opd?.Code} — {api.Opd?.Name}</dd>
            <dt>{t["catalog.baseUrl"]}</dt><dd><code>{apiBase}</code></dd>
            <dt>{t["catalog.tokenEndpoint"]}</dt><dd><code>{gateway}/oauth2/token</code></dd>
            <dt>{t["field.classification"]}</dt><dd>{t["classification." + api.Classification]}</dd>
            {ValidationWaiver(t, api)}
            <dt>{t["field.plans"]}</dt><dd>{(entry.Plans.Count == 0 ? "—" : string.Join("; ", entry.Plans))}</dd>
            <dt>{t["field.slaTargetPercent"]}</dt><dd>{(profile is null ? "—" : profile.SlaTargetPercent + "%")}</dd>
            <dt>{t["catalog.slaMeasured"]}</dt><dd id="sla-measured">{measured}</dd>
            <dt>{t["field.ownerContact"]}</dt><dd>{profile?.OwnerContact ?? "—"}</dd>
            <dt>{t["field.pseRegistrationNumber"]}</dt><dd>{profile?.PseRegistrationNumber ?? "—"}</dd>
            <dt>{t["field.tags"]}</dt><dd>{string.Join(", ", entry.Tags)}</dd>
            </dl>
            {ApplicationPages.Notice(page)}
            {SubscribeSection(page, entry, applications, errors, typed)}
            {TryOutSection(page, api.Id, applications, apiBase + example.PathAndQuery)}
            <h2>{t["catalog.exampleTitle"]}</h2>
            <p>{t["catalog.exampleIntro"]}</p>
            {examples}
            <h2>{t["catalog.operationsTitle"]}</h2>
            {Operations(t, api.Id, hasDocument: !string.IsNullOrWhiteSpace(api.OpenApiDocument))}
            """);
        // Swagger UI sets style attributes as it renders; scripts stay limited to the product's own files.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
            return Task.CompletedTask;
        });
        return page.Render(api.Name, body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>
    /// Subscribing from the API's page (issue 19 item 6, as in the WSO2 and Kong portals): the developer's applications
    /// that already have a subscription to this API are listed with its state and not offered again; the others can ask,
    /// with one of the plans the API offers and a purpose, through the same workflow as an application's page.
    /// </summary>
    private static HtmlFragment SubscribeSection(PortalPage page, CatalogEntry entry, IReadOnlyList<(ClientApplication Client, Subscription? Subscription)> applications,
        FormErrors errors, IFormCollection? typed)
    {
        var t = page.T;
        if (page.User?.Role != PortalRole.ApplicationDeveloper)
            return HtmlFragment.Empty;
        if (applications.Count == 0)
            return H($"""<h2 id="subscribe">{t["catalog.subscribeTitle"]}</h2><p>{t["catalog.noApplication"]} <a href="/portal/aplikasi">{t["catalog.createApplication"]}</a></p>""");
        var held = applications.Where(a => a.Subscription is not null).Select(a =>
            H($"<li><a href=\"/portal/aplikasi/{a.Client.ClientId}\">{a.Client.Name}</a> (<code>{a.Client.ClientId}</code>): {t["subscriptionStatus." + a.Subscription!.Status]}</li>")).ToList();
        var open = applications.Where(a => a.Subscription is null).ToList();
        var form = open.Count == 0 ? H($"<p id=\"subscribe-none\">{t["catalog.allSubscribed"]}</p>")
            : page.Form($"/portal/katalog/{entry.Api.Id}/langganan", H($"""
                {page.Select("clientId", "field.application", open.Select(a => (a.Client.ClientId, $"{a.Client.Name} ({a.Client.ClientId})")), typed?["clientId"], errors)}
                {page.Select("plan", "field.plan", entry.OfferedPlans.Select(p => (p, p)), typed?["plan"], errors)}
                {page.TextArea("purpose", "field.purpose", typed?["purpose"], errors, 3, "application.purposeHint")}
                <button type="submit" class="primary">{t["catalog.subscribe"]}</button>
                """));
        return H($"""
            <h2 id="subscribe">{t["catalog.subscribeTitle"]}</h2>
            {(held.Count == 0 ? HtmlFragment.Empty : H($"<p>{t["catalog.subscribedApplications"]}</p><ul id=\"subscribed\">{held}</ul>"))}
            {page.ErrorSummary(errors)}
            {form}
            """);
    }

    /// <summary>
    /// The try-out: for an application with an approved subscription, a button that asks the portal for a short-lived
    /// token (<see cref="TryOutTokenIssuer"/>) which the page's script hands to Swagger UI and to a ready curl line. The
    /// button works only with the script, which is what uses the token; nothing is stored.
    /// </summary>
    private static HtmlFragment TryOutSection(PortalPage page, Guid apiId, IReadOnlyList<(ClientApplication Client, Subscription? Subscription)> applications, string exampleUrl)
    {
        var t = page.T;
        var approved = applications.Where(a => a.Subscription?.Status == SubscriptionStatus.Approved).ToList();
        if (approved.Count == 0)
            return HtmlFragment.Empty;
        return H($"""
            <h2 id="try-out-title">{t["tryOut.title"]}</h2>
            <p>{t.Format("tryOut.intro", (int)TryOutTokenIssuer.Lifetime.TotalMinutes)}</p>
            {page.Form($"/portal/katalog/{apiId}/token-uji", H($"""
                <div class="field"><label for="try-out-client">{t["field.application"]}</label><select id="try-out-client" name="clientId">{approved.Select(a => H($"<option value=\"{a.Client.ClientId}\">{a.Client.Name} ({a.Client.ClientId})</option>"))}</select></div>
                <button type="submit" class="primary" hidden>{t["tryOut.get"]}</button>
                """), css: "form try-out")}
            <div id="try-out-result" hidden data-url="{exampleUrl}" data-expires="{t["tryOut.expires"]}" data-failed="{t["tryOut.failed"]}" aria-live="polite">
            <p id="try-out-status"></p>
            <pre tabindex="0" aria-label="{t["tryOut.curl"]}"><code id="try-out-curl"></code></pre>
            </div>
            <script src="/portal/static/portal-tryout.js"></script>
            """);
    }

    /// <summary>
    /// Subscribes one of the developer's applications from the API's page; the same request, rules and audit record as
    /// an application's page (<see cref="ApplicationPages.RequestAsync"/>). Answered with a redirect to the API's page
    /// (POST-redirect-GET); a refused form comes back with its problems and what was typed, purpose included.
    /// </summary>
    private static async Task<IResult> SubscribeAsync(Guid id, HttpContext http, PublishedApiCatalog published, IApiServiceLevelSource serviceLevel,
        ApplicationWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var here = $"/portal/katalog/{id}";
        try
        {
            await ApplicationPages.RequestAsync(http, workflow, audit, page.User, form["clientId"].ToString(), id, form);
            return PortalNotice.RedirectWith(http, here + "#subscribe", page.T["application.requested"]);
        }
        catch (RegistryValidationException ex)
        {
            return await DetailAsync(id, http, published, serviceLevel, workflow, new FormErrors(ex.Errors), form);
        }
        catch (RegistryConflictException ex)
        {
            return ex.Message == "application.notFound"
                ? await DetailAsync(id, http, published, serviceLevel, workflow, new FormErrors().With("clientId", ex.Message), form)
                : PortalNotice.RedirectWith(http, here + "#subscribe", page.T[ex.Message], refused: true);
        }
    }

    /// <summary>
    /// A try-out token for one of the developer's applications and this API, as JSON for the page's script (never
    /// cached: the portal sends no-store). Another OPD's application, or one without an approved subscription to this
    /// API, gets a 403 problem and no token; every answer is in the audit log.
    /// </summary>
    private static async Task<IResult> TryOutTokenAsync(Guid id, HttpContext http, PublishedApiCatalog published, TryOutTokenIssuer issuer, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.ApplicationDeveloper)
            return page.Forbidden();
        var entry = await published.FindAsync(id, http.RequestAborted);
        if (entry is null)
            return page.NotFound();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var clientId = form["clientId"].ToString();
        var (token, refusal) = await issuer.IssueAsync(page.User, clientId, entry.Api, http.RequestAborted);
        await audit.RecordAsync(http, "application.try-out-token", token is null ? "refused" : "succeeded", page.User.Username, clientId,
            new Dictionary<string, string?> { ["api"] = id.ToString(), ["reason"] = refusal, ["tokenId"] = token?.TokenId, ["scope"] = token is null ? null : string.Join(' ', token.Scopes) });
        if (token is null)
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: page.T["tryOut.refused"], detail: page.T[refusal!]);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)Math.Max(0, (token.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds),
            ["expires_at"] = page.Time(token.ExpiresAt),
            ["scope"] = string.Join(' ', token.Scopes),
            ["api_base"] = $"{http.Request.Scheme}://{http.Request.Host}/{entry.Api.Opd?.Code}/{entry.Api.Slug}/{entry.Api.Version}",
        });
    }

    /// <summary>
    /// Swagger UI over the stored document; an API registered without one (through the admin API) says so plainly
    /// rather than showing Swagger UI's fetch error.
    /// </summary>
    private static HtmlFragment Operations(PortalText t, Guid apiId, bool hasDocument) => hasDocument
        ? H($"""
            <p><a href="/portal/katalog/{apiId}/openapi.json">{t["catalog.download"]}</a></p>
            <link rel="stylesheet" href="{SwaggerUiPrefix}/swagger-ui.css">
            <div id="swagger-ui" data-document="/portal/katalog/{apiId}/openapi.json"></div>
            <script src="{SwaggerUiPrefix}/swagger-ui-bundle.js"></script>
            <script src="/portal/static/portal-swagger.js"></script>
            """)
        : H($"""<p id="no-document">{t["catalog.noDocument"]}</p>""");

    /// <summary>
    /// The availability the gateway measured over 30 days and over the last day, beside the target the OPD promised
    /// (Kota Bekasi Pasal 60 ayat (3) huruf m), so that a developer judges the API by what it delivered; a window without
    /// requests says so instead of showing a figure.
    /// </summary>
    private static async Task<HtmlFragment> MeasuredAsync(PortalPage page, IApiServiceLevelSource source, string apiPath, CancellationToken ct)
    {
        var t = page.T;
        if (!source.Measures)
            return H($"{t["sla.notMeasured"]}");
        var windows = new List<HtmlFragment>();
        foreach (var window in new[] { "30d", "1d" })
        {
            var figure = await source.FindAsync(apiPath, window, ct);
            var text = figure is null ? H($"{t["sla.noTraffic"]}")
                : H($"<strong{Flag(figure.BelowFloor, "class=\"below-floor\"")}>{page.Percent(figure.Share)}</strong> ({t.Format("sla.requestsOf", page.Count(figure.Requests))}{(figure.BelowFloor ? H($", {t["sla.belowFloor"]}") : HtmlFragment.Empty)})");
            windows.Add(H($"<span class=\"sla-window\">{t["sla.window." + window]}: {text}</span>"));
        }
        return H($"{windows[0]}<br>{windows[1]}");
    }

    /// <summary>The stored document as JSON, its servers pointing at this gateway, so that Swagger UI's requests go through it.</summary>
    private static async Task<IResult> DocumentAsync(Guid id, HttpContext http, PublishedApiCatalog published)
    {
        var entry = await published.FindAsync(id, http.RequestAborted);
        if (entry?.Api.OpenApiDocument is not { } text || OpenApiDocumentReader.Read(text).Json is not { } json || JsonNode.Parse(json) is not JsonObject document)
            return ReviewDocumentView.DocumentProblem(PortalText.For(http));
        var api = entry.Api;
        document["servers"] = new JsonArray(new JsonObject { ["url"] = $"{http.Request.Scheme}://{http.Request.Host}/{api.Opd?.Code}/{api.Slug}/{api.Version}" });
        return Results.Text(document.ToJsonString(), "application/json; charset=utf-8");
    }

    /// <summary>The validation waiver a security reviewer recorded for an API without a document (issue 18), one line; nothing without one.</summary>
    private static HtmlFragment ValidationWaiver(PortalText t, Api api) =>
        api is { ValidationWaiverReason: { } reason, ValidationWaiverExpiresAt: { } until }
            ? H($"<dt>{t["catalog.validationWaiver"]}</dt><dd id=\"validation-waiver\">{t.Format("catalog.validationWaiverText", reason, until.UtcDateTime)}</dd>")
            : HtmlFragment.Empty;

    /// <summary>
    /// The example in curl and in Python (standard library only), each runnable as printed: the developer's own
    /// application's client id is filled in when it is subscribed (a placeholder otherwise), and the secret, which the
    /// portal never shows again, is read from the <c>CLIENT_SECRET</c> environment variable. Each box is reachable and
    /// scrollable with the keyboard, with a copy button (shown only when the script runs).
    /// </summary>
    private static HtmlFragment Examples(PortalText t, string gateway, string apiBase, ExampleRequest request, string? clientId)
    {
        var url = apiBase + request.PathAndQuery;
        var id = clientId ?? "CLIENT_ID";
        var curl = $"""
            TOKEN=$(curl -s -u "{id}:$CLIENT_SECRET" -d grant_type=client_credentials '{gateway}/oauth2/token' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
            curl -H "Authorization: Bearer $TOKEN" '{url}'
            """;
        var python = $$"""
            import base64, json, os, urllib.request

            CLIENT_ID, CLIENT_SECRET = "{{id}}", os.environ["CLIENT_SECRET"]
            basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            token_request = urllib.request.Request("{{gateway}}/oauth2/token", data=b"grant_type=client_credentials",
                                                   headers={"Authorization": "Basic " + basic})
            token = json.load(urllib.request.urlopen(token_request))["access_token"]
            api_request = urllib.request.Request("{{url}}", headers={"Authorization": "Bearer " + token})
            print(urllib.request.urlopen(api_request).read().decode())
            """;
        HtmlFragment Box(string id, string title, string code) => H($"""
            <div class="example">
            <h3 id="{id}-title">{title}</h3>
            <button type="button" class="copy" data-copy="{id}" data-copied="{t["catalog.copied"]}" hidden>{t.Format("catalog.copy", title)}</button>
            <pre tabindex="0" aria-labelledby="{id}-title"><code id="{id}">{code}</code></pre>
            </div>
            """);
        var intro = H($"<p id=\"example-client\">{(clientId is null ? t["catalog.exampleNoClient"] : t.Format("catalog.exampleClient", clientId))}</p>");
        return H($"""{intro}{Box("example-curl", "curl", curl)}{Box("example-python", "Python", python)}<script src="/portal/static/portal-copy.js"></script>""");
    }
}
