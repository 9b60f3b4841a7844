using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Pasal 59 ayat (2) huruf e and ayat (12) huruf b: the installed build comes with a CycloneDX SBOM naming every
/// component. An SBOM lists the dependencies; it is not a scan of them for vulnerabilities or malicious code, so the
/// mapping caps both items at partial and this check can only say whether the list is there.
/// </summary>
public sealed class SbomCheck(SbomFile sbom) : IComplianceCheck
{
    public string Name => "sbom";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(sbom.Read() is { } found
                ? ComplianceFinding.Met($"A CycloneDX {found.SpecVersion} SBOM lists {found.Components} components (sha-256 {found.Sha256}), served at GET /admin/v1/sbom.",
                    $"SBOM CycloneDX {found.SpecVersion} mencantumkan {found.Components} komponen (sha-256 {found.Sha256}), tersedia di GET /admin/v1/sbom.")
                : ComplianceFinding.NotMet($"no SBOM found at {sbom.Path}: run scripts/sbom.sh", $"tidak ada SBOM di {sbom.Path}: jalankan scripts/sbom.sh"));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(ComplianceFinding.NotMet($"The SBOM cannot be read ({ex.Message}): run scripts/sbom.sh", $"SBOM tidak dapat dibaca ({ex.Message}): jalankan scripts/sbom.sh"));
        }
    }
}
