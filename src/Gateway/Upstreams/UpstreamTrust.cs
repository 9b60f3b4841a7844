using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Gateway.Upstreams;

/// <summary>
/// How the gateway verifies the servers it calls (upstreams, external token issuers, upstream token endpoints):
/// always verified, never "accept any", against the system's store and optionally the configured CA bundle
/// (Pasal 59 ayat (11) huruf b, d).
/// </summary>
public sealed class UpstreamTrust
{
    private readonly X509Certificate2Collection? _extraRoots;

    public UpstreamTrust(IOptions<UpstreamOptions> options)
    {
        if (options.Value.CaBundlePath is { Length: > 0 } path)
            _extraRoots = Registry.Hosting.CertificateBundle.Load(path, "Upstreams:CaBundlePath");
    }

    /// <summary>Applies the TLS policy and the trust to an outgoing handler.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5398:Avoid hardcoded SslProtocols values", Justification = "The versions are fixed on purpose: the regulation asks for TLS 1.2 at least (Pasal 60 ayat (3) huruf a); the operating system's choice could include TLS 1.0 and 1.1.")]
    public void Configure(SocketsHttpHandler handler)
    {
        handler.SslOptions.EnabledSslProtocols = Tls.TlsPolicy.Protocols;
        handler.SslOptions.RemoteCertificateValidationCallback = _extraRoots is null ? null : ValidateWithBundle;
        // Keep-alive connections are reused for a bounded time so that DNS and certificate changes are seen.
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
    }

    private bool ValidateWithBundle(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
