using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace SpbeConnector.Gateway.Upstreams;

/// <summary>
/// The HTTP client YARP forwards with: TLS 1.2+ to upstreams, certificates always verified (never
/// "accept any"), optionally against a configured CA bundle as well as the system's trust store.
/// </summary>
public sealed class VerifyingForwarderHttpClientFactory : ForwarderHttpClientFactory
{
    private readonly X509Certificate2Collection? _extraRoots;

    public VerifyingForwarderHttpClientFactory(IOptions<UpstreamOptions> options, ILogger<ForwarderHttpClientFactory> logger) : base(logger)
    {
        var path = options.Value.CaBundlePath;
        if (string.IsNullOrEmpty(path))
            return;
        if (!File.Exists(path))
            throw new InvalidOperationException($"Upstreams:CaBundlePath '{path}' does not exist; point it at a PEM file of CA certificates, or remove the setting.");
        _extraRoots = new X509Certificate2Collection();
        _extraRoots.ImportFromPemFile(path);
        if (_extraRoots.Count == 0)
            throw new InvalidOperationException($"Upstreams:CaBundlePath '{path}' holds no PEM certificate.");
    }

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.SslOptions.EnabledSslProtocols = Tls.TlsPolicy.Protocols;
        handler.SslOptions.RemoteCertificateValidationCallback = _extraRoots is null ? null : ValidateWithBundle;
        // Keep-alive connections to upstreams are reused for a bounded time so that DNS and certificate changes are seen.
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
