using SpbeConnector.Registry.Contracts.Compliance;
using System.Text;

namespace SpbeConnector.Registry.Compliance;

/// <summary>The report for a terminal: the summary, then one line per item with its status and reason.</summary>
public static class ComplianceReportText
{
    public static string Label(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Met => "MET",
        ComplianceStatus.Partial => "PARTIAL",
        ComplianceStatus.NotMet => "NOT MET",
        _ => "N/A",
    };

    public static string Write(ComplianceReport report)
    {
        var s = report.Summary;
        var text = new StringBuilder();
        text.AppendLine($"Compliance report: {report.Regulation}");
        text.AppendLine($"Generated {report.GeneratedAt:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine($"Commit {report.Build.Commit}; SBOM {(report.Build.SbomSha256 is { } sbom ? $"sha-256 {sbom}, {report.Build.SbomComponents} components" : "absent (run scripts/sbom.sh)")}");
        text.AppendLine($"{s.Total} items: {s.Met} met, {s.Partial} partial, {s.NotMet} not met, {s.NotApplicable} not applicable");
        text.AppendLine();
        foreach (var item in report.Items)
            text.AppendLine($"{Label(item.Status),-8} {item.Citation,-30} {item.Reason}");
        return text.ToString();
    }
}
