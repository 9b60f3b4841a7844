using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Encryption on every hop, the gateway-to-upstream one included (Pasal 59 ayat (11) huruf a; Pasal 60 ayat (3) huruf k,
/// ayat (5) huruf a): names the published APIs whose upstream is reached over plain HTTP by an explicit exception.
/// </summary>
public sealed class UpstreamTlsCheck(IPublishedApiSource apis) : IComplianceCheck
{
    public string Name => "upstream-tls";

    public async Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var published = (await apis.LoadAsync(cancellationToken)).Apis;
        var plain = ComplianceText.Names(published.Where(a => a.UpstreamUrls.Any(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))));
        return plain.Count == 0
            ? ComplianceFinding.Met($"Every published API ({published.Count}) reaches its upstream over TLS with the certificate verified.",
                $"Setiap API yang diterbitkan ({published.Count}) menghubungi upstream-nya melalui TLS dengan sertifikat yang diverifikasi.")
            : ComplianceFinding.Partial($"{plain.Count} of {published.Count} published APIs reach their upstream over plain HTTP, allowed for them: {ComplianceText.List(plain)}.",
                $"{plain.Count} dari {published.Count} API yang diterbitkan menghubungi upstream-nya melalui HTTP tanpa enkripsi, yang diizinkan untuknya: {ComplianceText.ListId(plain)}.");
    }
}
