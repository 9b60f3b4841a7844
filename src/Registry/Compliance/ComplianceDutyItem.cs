using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>One duty in the report: the mapping's entry, the instruments by name, and what was found now.</summary>
public sealed record ComplianceDutyItem(
    string Id,
    IReadOnlyList<string> Regulations,
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
