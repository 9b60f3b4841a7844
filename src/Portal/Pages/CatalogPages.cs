using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.Portal.Browsing;
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
        signedIn.MapGet("/katalog/{id:guid}", DetailAsync);
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

    private static async Task<IResult> DetailAsync(Guid id, HttpContext http, PublishedApiCatalog published, IApiServiceLevelSource serviceLevel)
    {
        var page = new PortalPage(http);
        var t = page.T;
        var entry = await published.FindAsync(id, http.RequestAborted);
        if (entry is null)
            return page.NotFound();
        var api = entry.Api;
        var gateway = $"{http.Request.Scheme}://{http.Request.Host}";
        var apiBase = $"{gateway}/{api.Opd?.Code}/{api.Slug}/{api.Version}";
        var examples = Examples(t, gateway, apiBase, ExampleRequest.From(api.OpenApiDocument) ?? new ExampleRequest("GET", "/"));
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
        return page.Render(api.Name, body);
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
    /// The example in curl and in Python (standard library only), each runnable as printed once the application's
    /// client id and secret replace the two placeholders; each box reachable and scrollable with the keyboard, with a
    /// copy button (shown only when the script runs).
    /// </summary>
    private static HtmlFragment Examples(PortalText t, string gateway, string apiBase, ExampleRequest request)
    {
        var url = apiBase + request.PathAndQuery;
        var curl = $"""
            TOKEN=$(curl -s -u 'CLIENT_ID:CLIENT_SECRET' -d grant_type=client_credentials '{gateway}/oauth2/token' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
            curl -H "Authorization: Bearer $TOKEN" '{url}'
            """;
        var python = $$"""
            import base64, json, urllib.request

            CLIENT_ID, CLIENT_SECRET = "CLIENT_ID", "CLIENT_SECRET"
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
        return H($"""{Box("example-curl", "curl", curl)}{Box("example-python", "Python", python)}<script src="/portal/static/portal-copy.js"></script>""");
    }
}
