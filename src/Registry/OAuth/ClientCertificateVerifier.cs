using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// <c>tls_client_auth</c> (RFC 8705 section 2.1): the client's certificate chains to a configured certification
/// authority, is valid now, and carries the subject DN registered for the client (Pasal 60 ayat (3) huruf i;
/// Pasal 59 ayat (11) huruf d: certificates of electronic-certification providers).
/// </summary>
public sealed class ClientCertificateVerifier
{
    private readonly X509Certificate2Collection? _authorities;

    public ClientCertificateVerifier(IOptions<OAuthServerOptions> options)
    {
        if (options.Value.ClientCertificateCaBundlePath is { Length: > 0 } path)
            _authorities = Hosting.CertificateBundle.Load(path, "OAuth:ClientCertificateCaBundlePath");
    }

    public bool Enabled => _authorities is not null;

    /// <summary>
    /// The chain policy of <c>tls_client_auth</c>: the configured authorities as the only roots, client-authentication
    /// usage, no revocation fetch (the gateway reaches no CRL or OCSP responder). Also given to OpenIddict, which
    /// announces the method only with a policy. Null when <c>tls_client_auth</c> is off.
    /// </summary>
    public X509ChainPolicy? ChainPolicy()
    {
        if (_authorities is null)
            return null;
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(_authorities);
        policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // clientAuth
        return policy;
    }

    /// <summary>Null when the certificate authenticates a client registered with <paramref name="subjectDn"/>; otherwise why not.</summary>
    public string? Verify(X509Certificate2 certificate, string? subjectDn)
    {
        if (ChainPolicy() is not { } policy)
            return "tls_client_auth is not configured (OAuth:ClientCertificateCaBundlePath)";
        if (subjectDn is null)
            return "no subject DN registered for tls_client_auth";
        if (!string.Equals(certificate.SubjectName.Name, subjectDn, StringComparison.Ordinal))
            return "certificate subject does not match the registered subject DN";
        using var chain = new X509Chain { ChainPolicy = policy };
        return chain.Build(certificate) ? null : "certificate does not chain to a trusted certification authority";
    }
}
