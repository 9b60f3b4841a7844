using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Compliance.Checks;

/// <summary>
/// The registry holds, for every API in service (Published or Deprecated), the facts the regulations ask about the
/// application behind it: the PSE Lingkup Publik registration number, required before approval for use (003 Pasal 53
/// ayat (1)-(2)), the Level Risiko SPBE (Pasal 41-42) and whether it is an Aplikasi Umum or Khusus (Pasal 1 angka
/// 20-21 of all five). The check names the APIs that lack any of them.
/// </summary>
public sealed class ApiDossierCheck(ApiDossierCatalog catalog) : IComplianceCheck
{
    public string Name => "api-dossier";

    public async Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var serving = (await catalog.ListDossiersAsync(cancellationToken))
            .Where(d => d.Api.Status is ApiStatus.Published or ApiStatus.Deprecated).ToList();
        if (serving.Count == 0)
            return ComplianceFinding.Met("No API is in service yet; each one's dossier will be checked for its PSE number, risk level and general/special flag.",
                "Belum ada API yang beroperasi; dosier setiap API akan diperiksa atas nomor PSE, level risiko, dan penanda aplikasi umum/khusus.");
        var lacking = serving.Where(d => d.Missing.Count > 0)
            .Select(d => $"{d.Api.Opd?.Code}/{d.Api.Slug}/{d.Api.Version} ({string.Join(", ", d.Missing)})").ToList();
        if (lacking.Count == 0)
            return ComplianceFinding.Met($"All {serving.Count} APIs in service have a PSE registration number, a Level Risiko SPBE and the general/special flag.",
                $"Seluruh {serving.Count} API yang beroperasi memiliki nomor pendaftaran PSE, Level Risiko SPBE, dan penanda aplikasi umum/khusus.");
        var status = lacking.Count == serving.Count ? ComplianceStatus.NotMet : ComplianceStatus.Partial;
        return new ComplianceFinding(status,
            $"{lacking.Count} of {serving.Count} APIs in service lack dossier fields: {ComplianceText.List(lacking)}.",
            $"{lacking.Count} dari {serving.Count} API yang beroperasi belum lengkap dosiernya: {ComplianceText.ListId(lacking)}.");
    }
}
