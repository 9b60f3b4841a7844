using System.Diagnostics.Metrics;
using System.Text;

namespace SpbeConnector.Gateway.Metrics;

/// <summary>
/// The .NET meters whose series <c>/metrics</c> serves beside the gateway's own, under OpenTelemetry's semantic
/// convention names made Prometheus-safe (<c>http.server.request.duration</c> in seconds becomes
/// <c>http_server_request_duration_seconds</c>): the runtime (GC, thread pool, JIT, exceptions), the ASP.NET Core
/// server and Kestrel (requests, connections, TLS handshakes) and HttpClient (the upstream calls).
/// </summary>
public static class FrameworkMeters
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "System.Runtime",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
    };

    /// <summary>
    /// Whether <paramref name="meter"/> is one of them and belongs to this host: created by the host's meter factory,
    /// or process-wide (the runtime's; HttpClient's when the client was made outside a factory, as YARP's is).
    /// Another host's meters in the same process (tests, side-by-side hosts) are not this one's.
    /// </summary>
    public static bool Includes(Meter meter, IMeterFactory hostMeters) =>
        Names.Contains(meter.Name) && (meter.Scope is null || ReferenceEquals(meter.Scope, hostMeters));

    /// <summary>A Prometheus metric name for an OpenTelemetry instrument name and unit.</summary>
    public static string PrometheusName(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        return instrument.Unit switch
        {
            "s" => name + "_seconds",
            "By" => name + "_bytes",
            _ => name,
        };
    }

    /// <summary>A Prometheus-safe metric or label name: letters, digits and underscores.</summary>
    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return text.ToString();
    }
}
