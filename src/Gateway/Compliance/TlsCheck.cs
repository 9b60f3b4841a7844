using SpbeConnector.Registry.Contracts.Compliance;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// The public endpoint's transport security (Pasal 60 ayat (3) huruf a, ayat (5) huruf a; Pasal 59 ayat (4) huruf g,
/// ayat (11) huruf b-c): the TLS policy in force and whether a plain-HTTP listener is configured.
/// </summary>
public sealed class TlsCheck(IConfiguration configuration) : IComplianceCheck
{
    public string Name => "tls";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : GatewayOptions.DefaultUrl;
        var plain = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).ToList();
        if (options.AllowPlainHttp && plain.Count > 0)
            return Task.FromResult(ComplianceFinding.Partial(
                $"Gateway:AllowPlainHttp is on and the gateway listens on plain HTTP ({string.Join(", ", plain)}): TLS rests on the load balancer in front.",
                $"Gateway:AllowPlainHttp aktif dan gateway mendengarkan HTTP tanpa enkripsi ({string.Join(", ", plain)}): TLS bergantung pada load balancer di depannya."));
        if (TlsPolicy.CreateCipherSuitesPolicy() is null)
            return Task.FromResult(ComplianceFinding.Partial("TLS 1.2 and 1.3 only, but this platform cannot restrict the cipher suites to AEAD ones.",
                "Hanya TLS 1.2 dan 1.3, tetapi platform ini tidak dapat membatasi cipher suite pada AEAD saja."));
        return Task.FromResult(ComplianceFinding.Met("TLS 1.2 and 1.3 only, forward-secret AEAD suites only, no plain-HTTP listener.",
            "Hanya TLS 1.2 dan 1.3, hanya cipher suite AEAD dengan forward secrecy, tanpa listener HTTP tanpa enkripsi."));
    }
}
