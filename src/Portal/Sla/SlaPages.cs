using Microsoft.Extensions.Options;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Portal;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Sla;

/// <summary>
/// The SLA report in the portal (Kota Bekasi Pasal 60 ayat (3) huruf m: availability of at least 95% per API): per OPD
/// and per API over the last day or 30 days, against the floor, with the admin API's CSV. Who sees what is
/// <see cref="ServiceLevelReportAccess"/>: oversight roles every OPD, a publisher their own. It lives in the gateway
/// because the measurement belongs to the data-plane policies, which the registry does not reference.
/// </summary>
public static class SlaPages
{
    public static RouteGroupBuilder MapPortalSlaReport(this RouteGroupBuilder portal)
    {
        var sla = portal.MapGroup("").RequireAuthorization(PortalSessionDefaults.Policy);
        sla.MapGet("/sla", ReportAsync);
        sla.MapGet("/sla.csv", CsvAsync);
        return portal;
    }

    private static async Task<IResult> ReportAsync(HttpContext http, SlaMonitor monitor, IOptions<SlaOptions> options)
    {
        var page = new PortalPage(http);
        var t = page.T;
        if (!ServiceLevelReportAccess.MayRead(page.User!))
            return page.Forbidden();
        if (!options.Value.Enabled)
            return page.Render(t["sla.title"], H($"<p>{t["sla.off"]}</p>"));
        if (RequestedWindow(http) is not { } window)
            return page.Render(t["sla.title"], H($"<p>{t["sla.windowInvalid"]}</p><p><a href=\"{ServiceLevelReportAccess.Path}\">{t["sla.back"]}</a></p>"), StatusCodes.Status400BadRequest);
        var report = VisibleTo(page.User!, await monitor.ReportAsync(window, http.RequestAborted));

        var switcher = SlaWindow.All.Select(w => w == window
            ? H($"<li><a href=\"{ServiceLevelReportAccess.Path}?window={w.Name}\" aria-current=\"page\"><strong>{t["sla.window." + w.Name]}</strong></a></li>")
            : H($"<li><a href=\"{ServiceLevelReportAccess.Path}?window={w.Name}\">{t["sla.window." + w.Name]}</a></li>"));
        var scope = ServiceLevelReportAccess.LimitedTo(page.User!) is { } own ? H($"<p>{t.Format("sla.ownOpdOnly", own)}</p>") : HtmlFragment.Empty;
        var head = H($"<th scope=\"col\">{t["sla.availability"]}</th><th scope=\"col\">{t["sla.requests"]}</th><th scope=\"col\">{t["sla.failed"]}</th><th scope=\"col\">{t["sla.slow"]}</th><th scope=\"col\">{t["sla.status"]}</th>");
        var opds = report.Opds.Count == 0 ? H($"<p>{t["sla.noApis"]}</p>") : H($"""
            <div class="table"><table id="sla-opds"><thead><tr><th scope="col">{t["field.opdCode"]}</th><th scope="col">{t["sla.apiCount"]}</th>{head}</tr></thead>
            <tbody>{report.Opds.Select(o => Row(page, H($"<th scope=\"row\">{o.OpdCode}</th><td>{o.Apis}</td>"), o.Figures))}</tbody></table></div>
            """);
        var apis = report.Apis.Count == 0 ? H($"<p>{t["sla.noApis"]}</p>") : H($"""
            <div class="table"><table id="sla-apis"><thead><tr><th scope="col">{t["field.api"]}</th><th scope="col">{t["field.opdCode"]}</th>{head}</tr></thead>
            <tbody>{report.Apis.Select(a => Row(page, H($"<th scope=\"row\"><code>{a.Api}</code></th><td>{a.OpdCode}</td>"), a.Figures))}</tbody></table></div>
            """);
        var body = H($"""
            <p>{t.Format("sla.intro", page.Percent(report.Floor), report.LatencyThreshold.TotalSeconds.ToString("0.###", t.Numbers))}</p>
            <nav aria-label="{t["sla.window"]}" class="windows"><ul>{switcher}</ul></nav>
            <p>{t.Format("sla.period", page.Time(report.From), page.Time(report.To))}</p>
            {scope}
            <p><a href="/portal/sla.csv?window={window.Name}" download>{t["sla.csv"]}</a></p>
            <h2>{t["sla.perOpd"]}</h2>
            {opds}
            <h2>{t["sla.perApi"]}</h2>
            {apis}
            """);
        return page.Render(t["sla.title"], body);
    }

    /// <summary>The report's CSV, exactly the admin API's (<see cref="SlaCsv"/>), limited to what the user may see.</summary>
    private static async Task<IResult> CsvAsync(HttpContext http, SlaMonitor monitor, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (!ServiceLevelReportAccess.MayRead(page.User!))
            return page.Forbidden();
        if (RequestedWindow(http) is not { } window)
            return page.Render(page.T["sla.title"], H($"<p>{page.T["sla.windowInvalid"]}</p>"), StatusCodes.Status400BadRequest);
        var report = VisibleTo(page.User!, await monitor.ReportAsync(window, http.RequestAborted));
        // Like the security view's exports: what leaves the portal as a file is in the audit log (Pasal 59 ayat (9) huruf d).
        await audit.RecordAsync(http, "sla.export", "succeeded", page.User!.Username, window.Name,
            new Dictionary<string, string?> { ["opd"] = ServiceLevelReportAccess.LimitedTo(page.User) });
        return Results.File(SlaCsv.Write(report), "text/csv; charset=utf-8", SlaCsv.FileName(report));
    }

    /// <summary>The window asked for, the reporting period (30 days) unless named; null for a window the monitor does not know.</summary>
    private static SlaWindow? RequestedWindow(HttpContext http) => SlaWindow.Parse(http.Request.Query["window"].FirstOrDefault() ?? SlaWindow.ThirtyDays.Name);

    /// <summary>The report limited to the OPDs the user answers for; the figures themselves are the monitor's.</summary>
    private static SlaReport VisibleTo(PortalPrincipal user, SlaReport report) => report with
    {
        Apis = report.Apis.Where(a => ServiceLevelReportAccess.Covers(user, a.OpdCode)).ToArray(),
        Opds = report.Opds.Where(o => ServiceLevelReportAccess.Covers(user, o.OpdCode)).ToArray(),
    };

    /// <summary>One row; below the floor is marked in words and colour, not colour alone.</summary>
    private static HtmlFragment Row(PortalPage page, HtmlFragment name, SlaFigures figures)
    {
        var t = page.T;
        var status = figures switch
        {
            { Availability: null } => H($"<td>{t["sla.noTraffic"]}</td>"),
            { BelowFloor: true } => H($"<td><strong class=\"below-floor\">✘ {t["sla.belowFloor"]}</strong></td>"),
            _ => H($"<td>✔ {t["sla.meetsFloor"]}</td>"),
        };
        var availability = figures.Availability is { } share ? page.Percent(share) : "—";
        return H($"<tr{Flag(figures.BelowFloor, "class=\"below-floor\"")}>{name}<td>{availability}</td><td>{page.Count(figures.Total)}</td><td>{page.Count(figures.Failed)}</td><td>{page.Count(figures.Slow)}</td>{status}</tr>");
    }
}
