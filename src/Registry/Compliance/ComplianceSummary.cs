using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>How many items of the report have each status.</summary>
public sealed record ComplianceSummary(int Total, int Met, int Partial, int NotMet, int NotApplicable)
{
    public static ComplianceSummary Of(IReadOnlyCollection<ComplianceReportItem> items) => new(
        items.Count,
        items.Count(i => i.Status == ComplianceStatus.Met),
        items.Count(i => i.Status == ComplianceStatus.Partial),
        items.Count(i => i.Status == ComplianceStatus.NotMet),
        items.Count(i => i.Status == ComplianceStatus.NotApplicable));
}
