using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.Compliance.Checks;

/// <summary>
/// Positive input validation (Pasal 59 ayat (7), ayat (15) huruf d-e; Pasal 60 ayat (5) huruf c, e) holds only for
/// APIs with an OpenAPI document: one routed without a document has nothing to validate against.
/// </summary>
public sealed class OpenApiCoverageCheck(IPublishedApiSource apis) : IComplianceCheck
{
    public string Name => "openapi-coverage";

    public async Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var published = (await apis.LoadAsync(cancellationToken)).Apis;
        if (published.Count == 0)
            return ComplianceFinding.Met("No API is published yet; each one will be validated against its OpenAPI document.",
                "Belum ada API yang diterbitkan; setiap API akan divalidasi terhadap dokumen OpenAPI-nya.");
        var without = ComplianceText.Names(published.Where(a => a.DocumentRevision == 0));
        if (without.Count == 0)
            return ComplianceFinding.Met($"All {published.Count} published APIs have an OpenAPI document that the gateway validates against.",
                $"Seluruh {published.Count} API yang diterbitkan memiliki dokumen OpenAPI yang menjadi acuan validasi gateway.");
        var status = without.Count == published.Count ? ComplianceStatus.NotMet : ComplianceStatus.Partial;
        return new ComplianceFinding(status,
            $"{without.Count} of {published.Count} published APIs have no OpenAPI document, so their input is not validated: {ComplianceText.List(without)}.",
            $"{without.Count} dari {published.Count} API yang diterbitkan tidak memiliki dokumen OpenAPI, sehingga masukannya tidak divalidasi: {ComplianceText.ListId(without)}.");
    }
}
