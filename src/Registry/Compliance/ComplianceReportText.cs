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
        var d = report.DutiesSummary;
        text.AppendLine();
        text.AppendLine($"Duties of the other regulations: {d.Total}: {d.Met} met, {d.Partial} partial, {d.NotMet} not met, {d.NotApplicable} not applicable");
        foreach (var duty in report.Duties)
            text.AppendLine($"{Label(duty.Status),-8} {duty.Id,-30} {duty.Reason}");
        text.AppendLine();
        text.AppendLine($"APIs: {report.Apis.Count}");
        foreach (var api in report.Apis)
            text.AppendLine($"{api.Path} ({api.Status}, {api.Classification}): risk {api.RiskLevel?.ToString() ?? "-"}, " +
                            $"{api.ApplicationKind?.ToString() ?? "-"}, PSE {api.PseRegistrationNumber ?? "-"}, {api.OperationsWithSchemas}/{api.Operations} operations with schemas" +
                            (api.Missing.Count > 0 ? $"; missing: {string.Join(", ", api.Missing)}" : ""));
        return text.ToString();
    }
}
