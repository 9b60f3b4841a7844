using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Policies.AntiAutomation.Alerts;
using SpbeConnector.Audit;
using SpbeConnector.Audit.Api;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Components;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
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

    private static async Task<IResult> ListAsync(HttpContext http, AuditReview review, IAuditStore store, AlertHub alerts, SensitiveValueRedactor redactor)
    {
        var page = new PortalPage(http);
        var t = page.T;
        if (!Allowed(page))
            return page.Forbidden();
        if (!review.IsEnabled)
            return PortalView.Of<MessagePage>(new MessagePageModel(t["security.title"], t["security.off"]));
        var (parameters, errors) = ReadFilters(http);
        var rows = errors.Count > 0 ? [] : await review.QueryAsync(http, NewestFirst(parameters, redactor, http), parameters.Describe(redactor), http.RequestAborted);
        // An explicit record type asks for those records themselves; otherwise a call's two records are one line.
        var entries = await new AuditEntries(store).FromAsync(rows, mergeExchanges: parameters.Type is null, http.RequestAborted);
        var q = http.Request.Query;
        var filterQuery = string.Join("&", Filters.Where(f => !string.IsNullOrEmpty(q[f])).Select(f => $"{f}={Uri.EscapeDataString(q[f].ToString())}"));
        var recent = alerts.Recent(20).Select(a => (Alert: a, View: AlertView.Of(a, page))).ToList();
        var model = new AuditListModel(
            errors,
            http.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.TimeZone,
            entries,
            rows.Count == PageSize ? $"/portal/keamanan?{filterQuery}{(filterQuery.Length > 0 ? "&" : "")}before={rows[^1].Seq}" : null,
            filterQuery,
            await review.LatestCheckpointAsync(http.RequestAborted),
            recent.Where(a => !AlertView.IsServiceLevel(a.Alert)).Select(a => a.View).ToList(),
            recent.Where(a => AlertView.IsServiceLevel(a.Alert)).Select(a => a.View).ToList());
        return PortalView.Of<AuditListPage>(model, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> RecordAsync(long seq, HttpContext http, AuditReview review, IAuditStore store)
    {
        var page = new PortalPage(http);
        if (!Allowed(page))
            return page.Forbidden();
        var verification = review.IsEnabled ? await review.VerifyRecordAsync(http, seq, http.RequestAborted) : null;
        if (verification is null)
            return page.NotFound();
        var row = verification.Row;
        var fields = new AuditRecordFields(row.Record);
        var pretty = JsonSerializer.Serialize(fields.Root, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        // The other record of the same forwarded call: the response names its request; a request is found by its id.
        long? requestSeq = row.Type == AuditRecordTypes.ExchangeResponse ? fields.Number("requestRecord") : null;
        long? responseSeq = row.Type == AuditRecordTypes.ExchangeRequest && row.RequestId is { } id
            ? (await store.QueryAsync(new AuditQuery(RequestId: id, Type: AuditRecordTypes.ExchangeResponse, Limit: 1), http.RequestAborted).FirstOrDefaultAsync(http.RequestAborted))?.Seq
            : null;
        var request = requestSeq is { } r && await store.GetRecordAsync(r, http.RequestAborted) is { } requestRow ? new AuditRecordFields(requestRow.Record) : null;
        return PortalView.Of<AuditRecordPage>(new AuditRecordModel(verification, fields, pretty, requestSeq, responseSeq, request));
    }

    private static async Task<IResult> ChainAsync(HttpContext http, AuditReview review)
    {
        var page = new PortalPage(http);
        var t = page.T;
        if (!Allowed(page))
            return page.Forbidden();
        if (!review.IsEnabled)
            return PortalView.Of<MessagePage>(new MessagePageModel(t["security.chainTitle"], t["security.off"]));
        return PortalView.Of<ChainStatusPage>(await review.VerifyChainAsync(http, http.RequestAborted));
    }

    private static async Task<IResult> ExportAsync(HttpContext http, AuditReview review, IAuditStore store, SensitiveValueRedactor redactor, IOptions<AuditOptions> options)
    {
        var page = new PortalPage(http);
        if (!Allowed(page))
            return page.Forbidden();
        var format = http.Request.Query["format"].ToString();
        var (parameters, errors) = ReadFilters(http);
        if (format is not ("csv" or "jsonl") || errors.Count > 0 || !review.IsEnabled)
            return PortalView.Of<MessagePage>(new MessagePageModel(page.T["security.title"], page.T["security.exportInvalid"], "/portal/keamanan", page.T["security.back"], Refused: true),
                StatusCodes.Status400BadRequest);
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
