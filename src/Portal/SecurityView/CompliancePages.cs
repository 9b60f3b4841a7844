using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Portal.Compliance;
using SpbeConnector.Portal.Components.Compliance;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Portal;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;

namespace SpbeConnector.Portal.SecurityView;

/// <summary>
/// The compliance report in the portal (Pasal 59 ayat (2) huruf a: the requirements not yet met, identified): the
/// summary, the items not fully met first, then every item, printable on A4 (<see cref="CompliancePage"/>); the same
/// report as the admin API's JSON. Who reads it is <see cref="ComplianceReportAccess"/>. The report asks every project's
/// checks (the gateway's TLS set-up among them) through the <see cref="ComplianceEvaluator"/> the host composes.
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
        if (!ComplianceReportAccess.MayRead(page.User!))
            return page.Forbidden();
        return PortalView.Of<CompliancePage>(await evaluator.EvaluateAsync(http.RequestAborted));
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
