using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation.Alerts;
using SpbeConnector.Audit;
using SpbeConnector.Audit.Api;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using static SpbeConnector.Portal.Rendering.Html;
using SpbeConnector.Audit.Records;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// The security view of the portal for the security team (security auditor, security reviewer; read-only): the audit
/// log with filters and paging, one record with its verification, the chain verified as a whole, the anti-automation
/// alerts (Pasal 59 ayat (6) huruf b), exports in CSV and JSON Lines with proofs. It lives in the gateway because the
/// audit log belongs to the data-plane policies, which the registry does not reference.
/// </summary>
public static class SecurityPages
{
    private const int PageSize = 50;
    private static readonly string[] Filters = ["from", "to", "client", "opd", "api", "status", "decision", "requestId", "type"];

    public static RouteGroupBuilder MapPortalSecurityView(this RouteGroupBuilder portal)
    {
        var security = portal.MapGroup("/keamanan").RequireAuthorization(PortalSessionDefaults.Policy);
        security.MapGet("/", ListAsync);
        security.MapGet("/catatan/{seq:long}", RecordAsync);
        security.MapGet("/rantai", ChainAsync);
        security.MapGet("/ekspor", ExportAsync);
        return portal;
    }

    private static bool Allowed(PortalPage page) => page.User!.Is(PortalRole.SecurityAuditor, PortalRole.SecurityReviewer);

    /// <summary>
    /// The filters of the list and the exports. "Dari" and "Sampai" are times in the portal's zone (Portal:TimeZone),
    /// as the table shows them, converted to UTC; "Sampai" includes the whole minute or second written. What cannot be
    /// read is refused beside its field, never dropped: a dropped filter would return records the investigator did not ask for.
    /// </summary>
    private static (AuditQueryParameters Parameters, FormErrors Errors) ReadFilters(HttpContext http)
    {
        var q = http.Request.Query;
        var errors = new FormErrors();
        var zone = http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.TimeZone;
        DateTimeOffset? Time(string name, bool end)
        {
            if (string.IsNullOrWhiteSpace(q[name]))
                return null;
            if (IndonesianTime.TryParse(q[name], zone, out var at, out var span))
                return end ? at + span : at;
            errors.With(name, "security.timeInvalid");
            return null;
        }
        int? status = null;
        if (!string.IsNullOrWhiteSpace(q["status"]))
        {
            if (int.TryParse(q["status"], NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                status = s;
            else
                errors.With("status", "security.statusInvalid");
        }
        string? Text(string name) => string.IsNullOrWhiteSpace(q[name]) ? null : q[name].ToString().Trim();
        var parameters = new AuditQueryParameters
        {
            From = Time("from", end: false), To = Time("to", end: true), Client = Text("client"), Opd = Text("opd"), Api = Text("api"), Status = status,
            Decision = Text("decision"), RequestId = Text("requestId"), Type = Text("type"), Limit = PageSize,
        };
        // The audit API's own checks, said in the portal's words beside the field they concern.
        foreach (var field in parameters.Validate().Keys)
            errors.With(field, field == "from" ? "security.fromAfterTo" : "security.filterInvalid");
        return (parameters, errors);
    }

    /// <summary>The newest page first; "before" continues to older records.</summary>
    private static AuditQuery NewestFirst(AuditQueryParameters parameters, SensitiveValueRedactor redactor, HttpContext http) =>
        parameters.ToQuery(redactor) with
        {
            NewestFirst = true,
            BeforeSeq = long.TryParse(http.Request.Query["before"], NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before : null,
        };

    /// <summary>A date-time picker in the portal's zone that also shows a time given as text (for example from the table) in its own form.</summary>
    private static HtmlFragment TimeField(PortalPage page, string name, string labelKey, FormErrors errors, string zone)
    {
        var t = page.T;
        var raw = page.Http.Request.Query[name].ToString();
        var value = IndonesianTime.TryParse(raw, zone, out var at, out _) ? IndonesianTime.FormatLocalInput(at, zone) : raw;
        var id = "f-" + name;
        var invalid = errors.ContainsKey(name);
        var example = IndonesianTime.Format(new DateTimeOffset(2026, 12, 8, 3, 15, 0, TimeSpan.Zero), zone);
        return H($"<div class=\"field{(invalid ? " invalid" : "")}\"><label for=\"{id}\">{t.Format(labelKey, IndonesianTime.LabelOf(zone))}</label><input id=\"{id}\" name=\"{name}\" type=\"datetime-local\" step=\"1\" value=\"{value}\" aria-describedby=\"{id}-hint\"{Flag(invalid, "aria-invalid=\"true\"")}><small id=\"{id}-hint\">{t.Format("security.timeHint", IndonesianTime.LabelOf(zone), example)}</small>{page.ErrorsOf(name, errors)}</div>");
    }

    private static async Task<IResult> ListAsync(HttpContext http, AuditReview review, AlertHub alerts, SensitiveValueRedactor redactor)
    {
        var page = new PortalPage(http);
        var t = page.T;
        if (!Allowed(page))
            return page.Forbidden();
        if (!review.IsEnabled)
            return page.Render(t["security.title"], H($"<p>{t["security.off"]}</p>"));
        var (parameters, errors) = ReadFilters(http);
        var rows = errors.Count > 0 ? [] : await review.QueryAsync(http, NewestFirst(parameters, redactor, http), parameters.Describe(redactor), http.RequestAborted);
        var zone = http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.TimeZone;
        var checkpoint = await review.LatestCheckpointAsync(http.RequestAborted);
        var q = http.Request.Query;
        var filterForm = H($"""
            <form method="get" action="/portal/keamanan" class="form" role="search">
            {page.ErrorSummary(errors)}
            {TimeField(page, "from", "security.from", errors, zone)}
            {TimeField(page, "to", "security.to", errors, zone)}
            {page.Input("client", "application.clientId", q["client"], errors)}
            {page.Input("opd", "field.opdCode", q["opd"], errors)}
            {page.Input("api", "field.api", q["api"], errors, hintKey: "security.apiHint")}
            {page.Input("status", "security.status", q["status"], errors)}
            {page.Select("decision", "security.decision", [("", t["catalog.any"]), ("allowed", t["security.allowed"]), ("refused", t["security.refused"])], q["decision"], errors)}
            {page.Input("requestId", "security.requestId", q["requestId"], errors)}
            {page.Input("type", "security.type", q["type"], errors, hintKey: "security.typeHint")}
            <button type="submit" class="primary">{t["catalog.filter"]}</button>
            </form>
            """);
        var filterQuery = string.Join("&", Filters.Where(f => !string.IsNullOrEmpty(q[f])).Select(f => $"{f}={Uri.EscapeDataString(q[f].ToString())}"));
        var table = errors.Count > 0 ? HtmlFragment.Empty : rows.Count == 0 ? H($"<p>{t["security.none"]}</p>") : H($"""
            <div class="table"><table><thead><tr><th scope="col">#</th><th scope="col">{t["onboarding.when"]}</th><th scope="col">{t["security.type"]}</th><th scope="col">{t["application.clientId"]}</th><th scope="col">{t["field.api"]}</th><th scope="col">{t["security.status"]}</th><th scope="col">{t["security.refusedBy"]}</th><th scope="col">{t["security.requestId"]}</th></tr></thead>
            <tbody>{rows.Select(r => H($"<tr><td><a href=\"/portal/keamanan/catatan/{r.Seq}\">{r.Seq}</a></td><td>{page.Time(DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs))}</td><td>{r.Type}</td><td>{r.ClientId ?? ""}</td><td>{r.Api ?? ""}</td><td>{r.Status?.ToString(CultureInfo.InvariantCulture) ?? ""}</td><td>{r.RefusedBy ?? ""}</td><td><code>{r.RequestId ?? ""}</code></td></tr>"))}</tbody></table></div>
            """);
        var next = rows.Count == PageSize ? H($"<p><a href=\"/portal/keamanan?{filterQuery}&before={rows[^1].Seq}\">{t["security.next"]}</a></p>") : HtmlFragment.Empty;
        var recent = alerts.Recent(20);
        var alertList = recent.Count == 0 ? H($"<p>{t["security.noAlerts"]}</p>") : H($"""
            <div class="table"><table><thead><tr><th scope="col">{t["onboarding.when"]}</th><th scope="col">{t["security.alertKind"]}</th><th scope="col">{t["security.alertSubject"]}</th><th scope="col">{t["security.alertSummary"]}</th><th scope="col">{t["security.alertAction"]}</th></tr></thead>
            <tbody>{recent.Select(a => H($"<tr><td>{page.Time(a.Time)}</td><td>{a.Kind}</td><td>{a.Subject}</td><td>{a.Summary}</td><td>{a.Action}</td></tr>"))}</tbody></table></div>
            """);
        var chain = checkpoint is null ? H($"<p>{t["security.noCheckpoint"]}</p>")
            : H($"<p>{t.Format("security.checkpoint", checkpoint.Id, checkpoint.TreeSize, page.Time(DateTimeOffset.FromUnixTimeMilliseconds(checkpoint.TimeMs)))} <a href=\"/portal/keamanan/rantai\">{t["security.verifyChain"]}</a></p>");
        var body = H($"""
            <h2>{t["security.chainTitle"]}</h2>
            {chain}
            <h2>{t["security.alertsTitle"]}</h2>
            {alertList}
            <h2>{t["security.recordsTitle"]}</h2>
            {filterForm}
            <p>{t["security.export"]}: <a href="/portal/keamanan/ekspor?format=csv&{filterQuery}">CSV</a> · <a href="/portal/keamanan/ekspor?format=jsonl&{filterQuery}">JSON Lines</a></p>
            {table}
            {next}
            """);
        return page.Render(t["security.title"], body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> RecordAsync(long seq, HttpContext http, AuditReview review)
    {
        var page = new PortalPage(http);
        var t = page.T;
        if (!Allowed(page))
            return page.Forbidden();
        var verification = review.IsEnabled ? await review.VerifyRecordAsync(http, seq, http.RequestAborted) : null;
        if (verification is null)
            return page.NotFound();
        HtmlFragment Check(bool ok, string key) => H($"<li class=\"{(ok ? "finding-ok" : "finding-error")}\">{(ok ? "✔" : "✘")} {t[key]}</li>");
        var pretty = JsonSerializer.Serialize(JsonDocument.Parse(verification.Row.Record).RootElement, new JsonSerializerOptions { WriteIndented = true });
        var status = verification.Verified
            ? H($"<div class=\"notice success\" role=\"status\" id=\"verification\"><p>{t["security.verified"]}</p></div>")
            : H($"<div class=\"notice error\" role=\"alert\" id=\"verification\"><p>{t["security.notVerified"]} {verification.Problem ?? ""}</p></div>");
        var checkpoint = verification.Checkpoint is { } c ? H($"<p>{t.Format("security.checkpoint", c.Id, c.TreeSize, page.Time(DateTimeOffset.FromUnixTimeMilliseconds(c.TimeMs)))}</p>") : HtmlFragment.Empty;
        var body = H($"""
            {status}
            <ul>{Check(verification.LeafMatches, "security.leafMatches")}{Check(verification.Included, "security.included")}{Check(verification.SignatureValid, "security.signatureValid")}</ul>
            {checkpoint}
            <h2>{t["security.recordTitle"]}</h2>
            <pre><code>{pretty}</code></pre>
            <p><a href="/portal/keamanan">{t["security.back"]}</a></p>
            """);
        return page.Render(t.Format("security.recordHeading", seq), body);
    }

    private static async Task<IResult> ChainAsync(HttpContext http, AuditReview review)
    {
        var page = new PortalPage(http);
        var t = page.T;
        if (!Allowed(page))
            return page.Forbidden();
        if (!review.IsEnabled)
            return page.Render(t["security.chainTitle"], H($"<p>{t["security.off"]}</p>"));
        var report = await review.VerifyChainAsync(http, http.RequestAborted);
        var status = report.Ok
            ? H($"<div class=\"notice success\" role=\"status\" id=\"chain-status\"><p>{t.Format("security.chainOk", report.Records, report.Checkpoints, report.SignedSize, report.Unsigned)}</p></div>")
            : H($"<div class=\"notice error\" role=\"alert\" id=\"chain-status\"><p>{t["security.chainBroken"]}</p><ul>{report.Findings.Take(50).Select(f => H($"<li>{f.Message}</li>"))}</ul></div>");
        return page.Render(t["security.chainTitle"], H($"{status}<p><a href=\"/portal/keamanan\">{t["security.back"]}</a></p>"));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, AuditReview review, IAuditStore store, SensitiveValueRedactor redactor, IOptions<AuditOptions> options)
    {
        var page = new PortalPage(http);
        if (!Allowed(page))
            return page.Forbidden();
        var format = http.Request.Query["format"].ToString();
        var (parameters, errors) = ReadFilters(http);
        if (format is not ("csv" or "jsonl") || errors.Count > 0 || !review.IsEnabled)
            return page.Render(page.T["security.title"], H($"<p>{page.T["security.exportInvalid"]}</p>"), StatusCodes.Status400BadRequest);
        var described = new Dictionary<string, string?>(parameters.Describe(redactor)) { ["format"] = format };
        await review.RecordExportAsync(http, described, http.RequestAborted);
        var checkpoint = await review.CheckpointNowAsync(http.RequestAborted);
        if (checkpoint is null)
            return page.NotFound();
        var query = parameters.ToQuery(redactor) with { Limit = AuditQueryParameters.MaxLimit, AfterSeq = null };
        var name = $"audit-export-{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}.{format}";
        return Results.Stream(stream => format == "csv"
                ? AuditExport.WriteCsvAsync(stream, store, query, checkpoint, http.RequestAborted)
                : AuditExport.WriteJsonLinesAsync(stream, store, query, checkpoint, options.Value.Origin, http.RequestAborted),
            format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson", name);
    }
}
