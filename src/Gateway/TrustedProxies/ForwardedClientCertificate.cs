using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>
/// Reads the client certificate a TLS-terminating proxy forwards in a header, in the forms the common proxies write:
/// nginx's <c>$ssl_client_escaped_cert</c> (URL-encoded PEM), a PEM on one line, or HAProxy's
/// <c>%[ssl_c_der,base64]</c> (base64 DER, the framework's own default).
/// </summary>
public static class ForwardedClientCertificate
{
    private const string PemBegin = "-----BEGIN CERTIFICATE-----";

    /// <summary>The certificate in <paramref name="headerValue"/>; throws on anything else (the framework then treats the request as presenting none).</summary>
    public static X509Certificate2 Parse(string headerValue)
    {
        var value = headerValue.Trim();
        if (value.Contains('%'))
            value = Uri.UnescapeDataString(value);
        if (value.StartsWith(PemBegin, StringComparison.Ordinal))
            return X509Certificate2.CreateFromPem(value);
        return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(value));
    }
}
