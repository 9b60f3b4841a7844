using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SpbeConnector.Portal.Components.Compliance;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Portal.Compliance;

/// <summary>
/// The report as HTML: the stand-alone printable document (<see cref="ComplianceReportDocument"/>) and what it shares
/// with the portal's page (<see cref="CompliancePage"/>): the status names and styles, the build and duties lines.
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
    public const string Styles = """
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

    /// <summary>
    /// The stand-alone document (<see cref="ComplianceReportDocument"/>) rendered outside any request, for
    /// <c>compliance report --format html</c>: the same tables as the portal's page, with Razor's encoding.
    /// </summary>
    public static string Write(ComplianceReport report)
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ComplianceReportDocument.Report)] = report });
            var output = await renderer.RenderComponentAsync<ComplianceReportDocument>(parameters);
            return output.ToHtmlString();
        }).GetAwaiter().GetResult();
    }

    /// <summary>What was built: the commit and the SBOM's SHA-256 (in full: a reviewer compares it with the file).</summary>
    public static string BuildLine(ComplianceBuild build, PortalText t) => build.SbomSha256 is { } sbom
        ? t.Format("compliance.build", build.Commit, build.SbomComponents ?? 0, sbom)
        : t.Format("compliance.buildNoSbom", build.Commit);

    public static string DutiesSummary(ComplianceReport report, PortalText t)
    {
        var d = report.DutiesSummary;
        return t.Format("compliance.dutiesSummary", d.Total, d.Met, d.Partial, d.NotMet, d.NotApplicable);
    }
}
