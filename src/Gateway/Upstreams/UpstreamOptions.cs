namespace SpbeConnector.Gateway.Upstreams;

/// <summary>
/// How the gateway talks to upstreams (section <c>Upstreams</c>). Certificates are always verified; a CA bundle adds
/// the region's own certification authorities to the trust (Pasal 59 ayat (11) huruf b, d).
/// </summary>
public sealed class UpstreamOptions
{
    public const string Section = "Upstreams";

    /// <summary>A PEM file of CA certificates trusted for upstream servers, in addition to the system's store.</summary>
    public string? CaBundlePath { get; set; }

    /// <summary>How long the gateway waits for an upstream's next byte before answering 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
