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
    /// The host names clients use to reach the gateway; a request with any other <c>Host</c> is answered 421
    /// Misdirected Request. Empty (the default): the names of the TLS certificate, <c>localhost</c>, <c>127.0.0.1</c>
    /// and <c>[::1]</c>. <c>*.example.go.id</c> matches one label; <c>*</c> accepts any host (only behind a proxy that
    /// checks the host itself).
    /// </summary>
    public string[] PublicHostNames { get; set; } = [];
}
