using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The dossier of an API as the admin API shows it (<see cref="ApiDossier"/>): what the reviewers read before a
/// decision, with the fields still missing named in <see cref="Missing"/>.
/// </summary>
public sealed record ApiDossierResponse(
    Guid Id,
    string PublicPath,
    string Name,
    string OpdCode,
    string OpdName,
    string? OwnerContact,
    ApiStatus Status,
    string? OnboardingStage,
    InformationClassification Classification,
    bool IsPublic,
    bool CertificateBoundTokens,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RequiredScopes,
    int DocumentRevision,
    IReadOnlyList<ApiOperationSummary> Operations,
    int OperationsWithSchemas,
    IReadOnlyList<string> AllowedFileTypes,
    int MaxFileBytes,
    ScannerOutageMode ScannerOutage,
    IReadOnlyList<string> Plans,
    decimal? SlaTargetPercent,
    string? PseRegistrationNumber,
    SpbeRiskLevel? RiskLevel,
    ApplicationKind? ApplicationKind,
    DateTimeOffset? RiskAssessedAt,
    ValidationWaiverResponse? ValidationWaiver,
    IReadOnlyList<ApiDecisionResponse> Decisions,
    IReadOnlyList<string> Missing)
{
    public static ApiDossierResponse From(ApiDossier d, DateTimeOffset now)
    {
        var a = d.Api;
        var record = ApiResponse.From(a, now);
        return new ApiDossierResponse(a.Id, record.PublicPath, a.Name, a.Opd?.Code ?? "", a.Opd?.Name ?? "", d.Profile?.OwnerContact,
            a.Status, d.Profile?.Stage.ToString(), a.Classification, record.IsPublic && !d.CertificateBoundTokens, d.CertificateBoundTokens,
            a.Scopes, a.RequiredScopes, a.DocumentRevision, d.Operations, d.OperationsWithSchemas,
            a.Validation.AllowedFileTypes, a.Validation.MaxFileBytes, a.Validation.ScannerOutage,
            d.Profile?.Plans ?? [], d.Profile?.SlaTargetPercent, d.Profile?.PseRegistrationNumber is { Length: > 0 } pse ? pse : null,
            a.RiskLevel, a.ApplicationKind, a.RiskAssessedAt, record.ValidationWaiver,
            d.Decisions.Select(x => new ApiDecisionResponse(x.Action, x.Stage, x.Actor, x.Notes, x.At)).ToList(), d.Missing);
    }
}

/// <summary>One decision in an API's history: what, at which review stage, by whom, with which notes, when.</summary>
public sealed record ApiDecisionResponse(string Action, string? Stage, string Actor, string? Notes, DateTimeOffset At);
