using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>One item of the report: the mapping's entry and what was found on this installation now, the reason in
/// English (<see cref="Reason"/>) and in Bahasa Indonesia (<see cref="ReasonId"/>).</summary>
public sealed record ComplianceReportItem(
    string Regulation,
    int Pasal,
    int Ayat,
    string Huruf,
    string Citation,
    ComplianceStatus Status,
    string Reason,
    string ReasonId,
    string TextId,
    string TextEn,
    string Control,
    IReadOnlyList<string> Settings,
    IReadOnlyList<string> Tests,
    string? Check);
