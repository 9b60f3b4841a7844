using Microsoft.Extensions.Options;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Portal;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using SpbeConnector.Portal.Components;
using SpbeConnector.Portal.Components.Reports;

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
            return PortalView.Of<MessagePage>(new MessagePageModel(t["sla.title"], t["sla.off"]));
        if (RequestedWindow(http) is not { } window)
            return WindowInvalid(t);
        var report = VisibleTo(page.User!, await monitor.ReportAsync(window, http.RequestAborted));
        return PortalView.Of<SlaReportPage>(new SlaReportModel(report, window, ServiceLevelReportAccess.LimitedTo(page.User!)));
    }

    private static IResult WindowInvalid(PortalText t) =>
        PortalView.Of<MessagePage>(new MessagePageModel(t["sla.title"], t["sla.windowInvalid"], ServiceLevelReportAccess.Path, t["sla.back"]), StatusCodes.Status400BadRequest);

    /// <summary>The report's CSV, exactly the admin API's (<see cref="SlaCsv"/>), limited to what the user may see.</summary>
    private static async Task<IResult> CsvAsync(HttpContext http, SlaMonitor monitor, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (!ServiceLevelReportAccess.MayRead(page.User!))
            return page.Forbidden();
        if (RequestedWindow(http) is not { } window)
            return WindowInvalid(page.T);
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
}
