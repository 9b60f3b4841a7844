namespace SpbeConnector.Gateway.Hosting;

/// <summary>Settings of the gateway host (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";
    public const string DefaultUrl = "https://127.0.0.1:8443";

    /// <summary>
    /// Allows plain-HTTP listeners. Off by default: the public endpoint is HTTPS only (Pasal 60 ayat (3) huruf a).
    /// Turn on only behind a TLS-terminating load balancer on a closed network.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>
    /// On SIGTERM or a host stop, how long the gateway lets requests in flight finish after it stops accepting new
    /// connections; past it they are cut. The audit log is flushed after the drain, with a budget of its own
    /// (<c>AuditLog.FinalFlushTimeout</c>, 15 s), so a service manager should allow about DrainTimeout + 20 s
    /// (systemd <c>TimeoutStopSec</c>).
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The networks (CIDR, or single addresses) of the load balancers in front of the gateway, whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> give the real client's address and scheme. Empty by default:
    /// the connection's peer is the client, and those headers are removed unread from every request. A JSON array, or
    /// one comma-separated value (<c>Gateway__TrustedProxies=10.0.0.5/32,10.0.0.6/32</c>). Read by
    /// <see cref="TrustedProxies.TrustedProxyNetworks"/>.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// The request header in which a trusted TLS-terminating load balancer forwards the client certificate it received
    /// (nginx <c>$ssl_client_escaped_cert</c>, HAProxy <c>%[ssl_c_der,base64]</c>), used for mutual-TLS client
    /// authentication and certificate-bound tokens. None by default; needs <see cref="TrustedProxies"/>.
    /// </summary>
    public string? ForwardedClientCertificateHeader { get; set; }

    /// <summary>
    /// The host names clients use to reach the gateway; a request with any other <c>Host</c> is answered 421
    /// Misdirected Request. Empty (the default): the names of the TLS certificate, <c>localhost</c>, <c>127.0.0.1</c>
    /// and <c>[::1]</c>. <c>*.example.go.id</c> matches one label; <c>*</c> accepts any host (only behind a proxy that
    /// checks the host itself).
    /// </summary>
    public string[] PublicHostNames { get; set; } = [];

    /// <summary>
    /// Addresses (https://, separated by <c>;</c>) of a separate listener for the admin API, the audit API's records
    /// and the portal's administrative pages, for example an internal address <c>https://10.0.0.5:9443</c>; those paths
    /// are then answered 404 on the public listener(s), where the catalog and the data plane stay (Pasal 59 ayat (6)
    /// huruf c). Unset (the default): one listener serves everything.
    /// </summary>
    public string? ManagementUrls { get; set; }
}
