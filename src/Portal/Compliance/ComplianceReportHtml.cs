using SpbeConnector.Registry.Contracts.Compliance;
using System.Net;
using System.Text;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Compliance;

/// <summary>
/// The report as HTML: one printable document (A4, print CSS, no external asset) in Bahasa Indonesia with each item's
/// English text beside it, what the security team files with its kelaikan keamanan decision; and the item table the
/// portal page embeds, in the reader's language. Every value is encoded.
/// </summary>
public static class ComplianceReportHtml
{
    public static string CssClass(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Met => "met",
        ComplianceStatus.Partial => "partial",
        ComplianceStatus.NotMet => "not-met",
        _ => "na",
    };

    /// <summary>The status name in the texts, for example <c>compliance.status.not_met</c>.</summary>
    public static string StatusKey(ComplianceStatus status) => "compliance.status." + status switch
    {
        ComplianceStatus.Met => "met",
        ComplianceStatus.Partial => "partial",
        ComplianceStatus.NotMet => "not_met",
        _ => "not_applicable",
    };

    /// <summary>The styles of the stand-alone document; the portal has the same rules in portal.css.</summary>
    private const string Styles = """
        body { font-family: system-ui, sans-serif; margin: 1rem; color: #111; }
        .en { color: #444; font-style: italic; }
        #build { overflow-wrap: anywhere; }
        .compliance { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
        .compliance th, .compliance td { border: 1px solid #999; padding: 0.3rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
        .compliance td.status { font-weight: bold; }
        .compliance tr.met td.status { color: #1b5e20; }
        .compliance tr.partial td.status { color: #8a5300; }
        .compliance tr.not-met td.status { color: #b00020; }
        .compliance tr.na td.status { color: #555; }
        @media print {
          @page { size: A4; margin: 15mm 12mm; }
          body { font-size: 9pt; margin: 0; }
          .compliance { font-size: 7.5pt; }
          .compliance thead { display: table-header-group; }
          .compliance tr { break-inside: avoid; }
        }
        """;

    public static string Write(ComplianceReport report)
    {
        var t = PortalText.For("id");
        var s = report.Summary;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>{E(t["compliance.title"])}</title>\n<style>\n{Styles}\n</style></head><body>\n");
        html.Append($"<h1>{E(t["compliance.title"])}</h1>\n");
        html.Append($"<p>{E(t.Format("compliance.intro", report.Regulation, report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)))}</p>\n");
        html.Append($"<p id=\"summary\">{E(t.Format("compliance.summary", s.Total, s.Met, s.Partial, s.NotMet, s.NotApplicable))}</p>\n");
        html.Append($"<p id=\"build\">{E(BuildLine(report.Build, t))}</p>\n");
        html.Append(Table(report.Items, t, withEnglish: true));
        html.Append($"\n<h2>{E(t["compliance.duties"])}</h2>\n<p>{E(t["compliance.dutiesIntro"])}</p>\n");
        html.Append($"<p id=\"duties-summary\">{E(DutiesSummary(report, t))}</p>\n");
        html.Append(DutyTable(report.Duties, t, withEnglish: true));
        html.Append($"\n<h2>{E(t["compliance.apis"])}</h2>\n<p>{E(t["compliance.apisIntro"])}</p>\n");
        html.Append(ApiTable(report.Apis, t));
        html.Append("\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>What was built: the commit and the SBOM's SHA-256 (in full: a reviewer compares it with the file).</summary>
    public static string BuildLine(ComplianceBuild build, PortalText t) => build.SbomSha256 is { } sbom
        ? t.Format("compliance.build", build.Commit, build.SbomComponents ?? 0, sbom)
        : t.Format("compliance.buildNoSbom", build.Commit);

    /// <summary>The item table: citation, status, the text of the item, the reason, the control.</summary>
    public static string Table(IEnumerable<ComplianceReportItem> items, PortalText t, bool withEnglish)
    {
        var html = new StringBuilder();
        html.Append($"<div class=\"table\"><table class=\"compliance\" id=\"compliance-items\"><thead><tr><th scope=\"col\">{E(t["compliance.item"])}</th><th scope=\"col\">{E(t["compliance.status"])}</th><th scope=\"col\">{E(t["compliance.text"])}</th><th scope=\"col\">{E(t["compliance.reason"])}</th><th scope=\"col\">{E(t["compliance.control"])}</th></tr></thead><tbody>");
        foreach (var item in items)
        {
            var text = t.Language == "en" ? E(item.TextEn)
                : withEnglish ? $"{E(item.TextId)}<br><span class=\"en\" lang=\"en\">{E(item.TextEn)}</span>" : E(item.TextId);
            html.Append($"<tr class=\"{CssClass(item.Status)}\" id=\"item-{item.Pasal}-{item.Ayat}-{E(item.Huruf)}\"><th scope=\"row\">{E(item.Citation)}</th><td class=\"status\">{E(t[StatusKey(item.Status)])}</td>");
            var reason = t.Language == "en" ? $"<td lang=\"en\">{E(item.Reason)}</td>"
                : withEnglish ? $"<td>{E(item.ReasonId)}<br><span class=\"en\" lang=\"en\">{E(item.Reason)}</span></td>" : $"<td>{E(item.ReasonId)}</td>";
            html.Append($"<td>{text}</td>{reason}<td lang=\"en\">{E(item.Control)}</td></tr>");
        }
        html.Append("</tbody></table></div>");
        return html.ToString();
    }

    public static string DutiesSummary(ComplianceReport report, PortalText t)
    {
        var d = report.DutiesSummary;
        return t.Format("compliance.dutiesSummary", d.Total, d.Met, d.Partial, d.NotMet, d.NotApplicable);
    }

    /// <summary>The duties of the other regulations: the label, the citation, status, text, reason and control.</summary>
    public static string DutyTable(IEnumerable<ComplianceDutyItem> duties, PortalText t, bool withEnglish)
    {
        var html = new StringBuilder();
        html.Append($"<div class=\"table\"><table class=\"compliance\" id=\"compliance-duties\"><thead><tr><th scope=\"col\">{E(t["compliance.duty"])}</th><th scope=\"col\">{E(t["compliance.status"])}</th><th scope=\"col\">{E(t["compliance.text"])}</th><th scope=\"col\">{E(t["compliance.reason"])}</th><th scope=\"col\">{E(t["compliance.control"])}</th></tr></thead><tbody>");
        foreach (var duty in duties)
        {
            var text = t.Language == "en" ? E(duty.TextEn)
                : withEnglish ? $"{E(duty.TextId)}<br><span class=\"en\" lang=\"en\">{E(duty.TextEn)}</span>" : E(duty.TextId);
            var reason = t.Language == "en" ? E(duty.Reason)
                : withEnglish ? $"{E(duty.ReasonId)}<br><span class=\"en\" lang=\"en\">{E(duty.Reason)}</span>" : E(duty.ReasonId);
            html.Append($"<tr class=\"{CssClass(duty.Status)}\" id=\"duty-{E(duty.Id)}\"><th scope=\"row\">{E(duty.Id)}<br><small>{E(duty.Citation)}</small></th><td class=\"status\">{E(t[StatusKey(duty.Status)])}</td>");
            html.Append($"<td>{text}</td><td>{reason}</td><td lang=\"en\">{E(duty.Control)}</td></tr>");
        }
        html.Append("</tbody></table></div>");
        return html.ToString();
    }

    /// <summary>Every API with its dossier in brief: PSE number, Level Risiko SPBE, general/special, schema coverage, what is missing.</summary>
    public static string ApiTable(IReadOnlyList<ComplianceApiEntry> apis, PortalText t)
    {
        if (apis.Count == 0)
            return $"<p id=\"compliance-apis\">{E(t["compliance.apisNone"])}</p>";
        var html = new StringBuilder();
        html.Append($"<div class=\"table\"><table class=\"compliance\" id=\"compliance-apis\"><thead><tr><th scope=\"col\">{E(t["compliance.api.name"])}</th><th scope=\"col\">{E(t["compliance.api.classification"])}</th><th scope=\"col\">{E(t["compliance.api.risk"])}</th><th scope=\"col\">{E(t["compliance.api.kind"])}</th><th scope=\"col\">{E(t["compliance.api.pse"])}</th><th scope=\"col\">{E(t["compliance.api.schemas"])}</th><th scope=\"col\">{E(t["compliance.api.missing"])}</th></tr></thead><tbody>");
        foreach (var api in apis)
        {
            html.Append($"<tr class=\"{(api.Missing.Count == 0 ? "met" : "partial")}\"><th scope=\"row\">{E(api.Path)}<br><small>{E(api.Name)} ({E(api.Status.ToString())})</small></th><td>{E(api.Classification.ToString())}</td>");
            html.Append($"<td>{E(api.RiskLevel is { } r ? t["compliance.risk." + r] : "-")}</td><td>{E(api.ApplicationKind is { } k ? t["compliance.kind." + k] : "-")}</td>");
            html.Append($"<td>{E(api.PseRegistrationNumber ?? "-")}</td><td>{api.OperationsWithSchemas}/{api.Operations}</td><td>{E(string.Join(", ", api.Missing))}</td></tr>");
        }
        html.Append("</tbody></table></div>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
