namespace SpbeConnector.Registry.Compliance;

/// <summary>The compliance report of this installation at one moment (Pasal 59 ayat (2) huruf a: the security
/// requirements not yet met, identified item by item).</summary>
public sealed record ComplianceReport(
    string Regulation,
    string Source,
    DateTimeOffset GeneratedAt,
    ComplianceSummary Summary,
    ComplianceBuild Build,
    IReadOnlyList<ComplianceReportItem> Items);
