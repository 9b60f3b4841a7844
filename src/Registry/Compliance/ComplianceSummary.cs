using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>How many items of the report have each status.</summary>
public sealed record ComplianceSummary(int Total, int Met, int Partial, int NotMet, int NotApplicable)
{
    public static ComplianceSummary Of(IReadOnlyCollection<ComplianceReportItem> items) => Of(items.Select(i => i.Status).ToList());

    public static ComplianceSummary Of(IReadOnlyCollection<ComplianceStatus> statuses) => new(
        statuses.Count,
        statuses.Count(s => s == ComplianceStatus.Met),
        statuses.Count(s => s == ComplianceStatus.Partial),
        statuses.Count(s => s == ComplianceStatus.NotMet),
        statuses.Count(s => s == ComplianceStatus.NotApplicable));
}
