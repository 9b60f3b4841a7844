using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Registry.Compliance;

/// <summary>The report's list of APIs, from the registry's dossiers.</summary>
public sealed class CatalogComplianceApiSource(ApiDossierCatalog catalog) : IComplianceApiSource
{
    public async Task<IReadOnlyList<ComplianceApiEntry>> ListAsync(CancellationToken cancellationToken) =>
        (await catalog.ListDossiersAsync(cancellationToken)).Select(Entry).ToList();

    internal static ComplianceApiEntry Entry(ApiDossier d) => new(
        d.Api.Id, $"{d.Api.Opd?.Code}/{d.Api.Slug}/{d.Api.Version}", d.Api.Name, d.Api.Opd?.Code ?? "", d.Api.Status, d.Api.Classification,
        d.Api.IsPublic && !d.CertificateBoundTokens, d.CertificateBoundTokens, d.Operations.Count, d.OperationsWithSchemas,
        d.Profile?.SlaTargetPercent, d.Profile?.PseRegistrationNumber is { Length: > 0 } pse ? pse : null,
        d.Api.RiskLevel, d.Api.ApplicationKind, d.Missing);
}
