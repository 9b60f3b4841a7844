using System.Net.Security;
using System.Security.Authentication;

namespace SpbeConnector.Gateway.Tls;

/// <summary>
/// The transport-security policy of the public endpoint (Pasal 60 ayat (3) huruf a, ayat (5) huruf a; Pasal 59
/// ayat (11) huruf c): TLS 1.2 minimum with 1.3 preferred, and for TLS 1.2 only forward-secret AEAD suites.
/// </summary>
public static class TlsPolicy
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5398:Avoid hardcoded SslProtocols values", Justification = "The versions are fixed on purpose: the regulation asks for TLS 1.2 at least (Pasal 60 ayat (3) huruf a); the operating system's choice could include TLS 1.0 and 1.1.")]
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>The allowed suites: every TLS 1.3 suite, and ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2.</summary>
    public static readonly TlsCipherSuite[] CipherSuites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>A cipher-suite policy where the platform supports one (Linux with OpenSSL); null elsewhere.</summary>
    public static CipherSuitesPolicy? CreateCipherSuitesPolicy() =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? new CipherSuitesPolicy(CipherSuites) : null;
}
