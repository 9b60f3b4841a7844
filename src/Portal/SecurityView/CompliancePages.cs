using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Portal.Compliance;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Portal;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// The compliance report in the portal (Pasal 59 ayat (2) huruf a: the requirements not yet met, identified): the
/// summary, the items not fully met first, then every item, printable on A4; the same report as the admin API's JSON.
/// Who reads it is <see cref="ComplianceReportAccess"/>. It lives in the gateway because the report asks every
/// project's checks (the gateway's TLS set-up among them), which the registry alone cannot see.
/// </summary>
public static class CompliancePages
{
    public static RouteGroupBuilder MapPortalComplianceReport(this RouteGroupBuilder portal)
    {
        var compliance = portal.MapGroup("").RequireAuthorization(PortalSessionDefaults.Policy);
        compliance.MapGet("/kepatuhan", ReportAsync);
        compliance.MapGet("/kepatuhan.json", JsonAsync);
        return portal;
    }

    private static async Task<IResult> ReportAsync(HttpContext http, ComplianceEvaluator evaluator)
    {
        var page = new PortalPage(http);
        var t = page.T;
        if (!ComplianceReportAccess.MayRead(page.User!))
            return page.Forbidden();
        var report = await evaluator.EvaluateAsync(http.RequestAborted);
        var s = report.Summary;
        var open = report.Items.Where(i => i.Status is ComplianceStatus.NotMet or ComplianceStatus.Partial)
            .OrderBy(i => i.Status).ToList();
        var openTable = open.Count == 0
            ? H($"<p>{t["compliance.none"]}</p>")
            : new HtmlFragment(ComplianceReportHtml.Table(open, t, withEnglish: false).Replace("id=\"compliance-items\"", "id=\"compliance-open\"", StringComparison.Ordinal)
                .Replace("id=\"item-", "id=\"open-", StringComparison.Ordinal));
        var body = H($"""
            <p>{t.Format("compliance.intro", report.Regulation, page.Time(report.GeneratedAt))}</p>
            <p id="compliance-summary"><strong>{t.Format("compliance.summary", s.Total, s.Met, s.Partial, s.NotMet, s.NotApplicable)}</strong></p>
            <p id="compliance-build">{ComplianceReportHtml.BuildLine(report.Build, t)}</p>
            <p>{t["compliance.signed"]}</p>
            <p class="no-print">{t["compliance.printHint"]} <a href="{ComplianceReportAccess.Path}.json" download>{t["compliance.json"]}</a></p>
            <p>{t["compliance.reasonsInEnglish"]}</p>
            <h2>{t["compliance.open"]}</h2>
            {openTable}
            <h2>{t["compliance.all"]}</h2>
            {new HtmlFragment(ComplianceReportHtml.Table(report.Items, t, withEnglish: false))}
            <h2>{t["compliance.duties"]}</h2>
            <p>{t["compliance.dutiesIntro"]}</p>
            <p id="compliance-duties-summary"><strong>{ComplianceReportHtml.DutiesSummary(report, t)}</strong></p>
            {new HtmlFragment(ComplianceReportHtml.DutyTable(report.Duties, t, withEnglish: false))}
            <h2>{t["compliance.apis"]}</h2>
            <p>{t["compliance.apisIntro"]}</p>
            {new HtmlFragment(ComplianceReportHtml.ApiTable(report.Apis, t))}
            """);
        return page.Render(t["compliance.title"], body);
    }

    private static async Task<IResult> JsonAsync(HttpContext http, ServedComplianceReport served)
    {
        var page = new PortalPage(http);
        if (!ComplianceReportAccess.MayRead(page.User!))
            return page.Forbidden();
        // What leaves the portal as a file is in the audit log with its digest, as for the security view's exports.
        return await served.ServeAsync(http, page.User!.Username, http.RequestAborted);
    }
}
