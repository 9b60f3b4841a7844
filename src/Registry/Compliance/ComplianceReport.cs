namespace SpbeConnector.Registry.Compliance;

/// <summary>The compliance report of this installation at one moment (Pasal 59 ayat (2) huruf a: the security
/// requirements not yet met, identified item by item).</summary>
public sealed record ComplianceReport(
    string Regulation,
    string Source,
    DateTimeOffset GeneratedAt,
    ComplianceSummary Summary,
    ComplianceBuild Build,
    IReadOnlyList<ComplianceReportItem> Items)
{
    /// <summary>The duties of the other regulations (and of 003 outside Pasal 59-60), each judged like an item.</summary>
    public IReadOnlyList<ComplianceDutyItem> Duties { get; init; } = [];

    /// <summary>The counts of <see cref="Duties"/>.</summary>
    public ComplianceSummary DutiesSummary { get; init; } = new(0, 0, 0, 0, 0);

    /// <summary>Every API not retired, with its dossier in brief.</summary>
    public IReadOnlyList<ComplianceApiEntry> Apis { get; init; } = [];
}
