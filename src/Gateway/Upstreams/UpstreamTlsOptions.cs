namespace SpbeConnector.Gateway.Upstreams;

/// <summary>
/// How upstream certificates are verified (section <c>Upstreams</c>). They are always verified; a CA bundle adds
/// the region's own certification authorities to the trust (Pasal 59 ayat (11) huruf b, d).
/// </summary>
public sealed class UpstreamTlsOptions
{
    public const string Section = "Upstreams";

    /// <summary>A PEM file of CA certificates trusted for upstream servers, in addition to the system's store.</summary>
    public string? CaBundlePath { get; set; }
}
