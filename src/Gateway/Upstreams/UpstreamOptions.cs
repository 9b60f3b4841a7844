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

    /// <summary>
    /// The circuit of each upstream instance: when at least <see cref="CircuitMinimalRequests"/> requests in
    /// <see cref="CircuitWindow"/> saw transport failures at a rate of <see cref="CircuitFailureRate"/> or more, the
    /// instance is taken out of rotation (the circuit opens) and tried again after <see cref="CircuitReopenAfter"/>,
    /// or after <see cref="CircuitWindow"/> if that is longer (YARP waits for the failures to leave the window).
    /// </summary>
    public double CircuitFailureRate { get; set; } = 0.5;

    public int CircuitMinimalRequests { get; set; } = 10;

    public TimeSpan CircuitWindow { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan CircuitReopenAfter { get; set; } = TimeSpan.FromSeconds(10);
}
