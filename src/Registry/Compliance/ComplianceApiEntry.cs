using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// One API in the report (its dossier in brief, the full one at <c>GET /admin/v1/apis/{id}/dossier</c>): where it is,
/// who owns it, what it carries and how it is protected, the service level promised, the PSE registration number, the
/// Level Risiko SPBE and the general/special flag (Pasal 41-42), and which of those are still missing.
/// </summary>
public sealed record ComplianceApiEntry(
    Guid Id,
    string Path,
    string Name,
    string Opd,
    ApiStatus Status,
    InformationClassification Classification,
    bool IsPublic,
    bool CertificateBoundTokens,
    int Operations,
    int OperationsWithSchemas,
    decimal? SlaTargetPercent,
    string? PseRegistrationNumber,
    SpbeRiskLevel? RiskLevel,
    ApplicationKind? ApplicationKind,
    IReadOnlyList<string> Missing);
