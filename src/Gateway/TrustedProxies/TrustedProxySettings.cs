using SpbeConnector.Gateway.Hosting;
using System.Net.Http.Headers;

namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>
/// What the edge believes from a proxy: its networks (<c>Gateway:TrustedProxies</c>) and the header in which it forwards
/// the client certificate it received (<c>Gateway:ForwardedClientCertificateHeader</c>, none by default).
/// </summary>
public sealed record TrustedProxySettings(TrustedProxyNetworks Networks, string? ClientCertificateHeader)
{
    public const string CertificateHeaderSetting = GatewayOptions.Section + ":" + nameof(GatewayOptions.ForwardedClientCertificateHeader);

    /// <summary>Reads and checks both settings; a setting that could not work stops the start with what to change.</summary>
    public static TrustedProxySettings FromConfiguration(IConfiguration configuration)
    {
        var networks = TrustedProxyNetworks.FromConfiguration(configuration);
        var header = configuration[CertificateHeaderSetting]?.Trim();
        if (string.IsNullOrEmpty(header))
            return new TrustedProxySettings(networks, null);
        if (!IsHeaderName(header))
            throw new InvalidOperationException(
                $"{CertificateHeaderSetting} is '{header}', which is not a header name; use a name such as X-Client-Certificate.");
        if (networks.IsEmpty)
            throw new InvalidOperationException(
                $"{CertificateHeaderSetting} is set but {TrustedProxyNetworks.Setting} is empty, so no proxy may forward a certificate; " +
                "list the TLS-terminating load balancers' networks, or remove the setting.");
        return new TrustedProxySettings(networks, header);
    }

    private static bool IsHeaderName(string name)
    {
        try
        {
            using var probe = new HttpRequestMessage();
            return probe.Headers.TryAddWithoutValidation(name, "x") && !name.Contains(':');
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
