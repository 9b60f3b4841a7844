using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// What a security reviewer reads about one API before a decision (issue 20, "a dossier per API"): the owner OPD,
/// classification, whether it is public and whether its tokens must be certificate-bound, the scopes per operation and
/// how many operations have request schemas, the file controls and scanning, the plans offered, the SLA target, the PSE
/// registration number, the Level Risiko SPBE and the general/special flag, the validation waiver, and the history of
/// decisions. Measured availability is the SLA module's (<c>GET /admin/v1/sla</c>), not the registry's.
/// </summary>
public sealed record ApiDossier(
    Api Api,
    ApiProfile? Profile,
    bool CertificateBoundTokens,
    IReadOnlyList<ApiOperationSummary> Operations,
    IReadOnlyList<OnboardingDecision> Decisions)
{
    /// <summary>The operations whose request the gateway can validate against a schema.</summary>
    public int OperationsWithSchemas => Operations.Count(o => o.HasRequestSchema);

    /// <summary>What the registry still lacks for the reviewers: the fields named here are empty.</summary>
    public IReadOnlyList<string> Missing =>
    [
        .. Api.RiskLevel is null ? ["riskLevel"] : Array.Empty<string>(),
        .. Api.ApplicationKind is null ? ["applicationKind"] : Array.Empty<string>(),
        .. string.IsNullOrWhiteSpace(Profile?.PseRegistrationNumber) ? ["pseRegistrationNumber"] : Array.Empty<string>(),
    ];
}
