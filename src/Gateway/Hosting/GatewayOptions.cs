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
}
