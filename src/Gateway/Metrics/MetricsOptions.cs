namespace SpbeConnector.Gateway.Metrics;

/// <summary>Which source networks may read <c>/metrics</c> (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>CIDR ranges allowed to scrape, for example <c>127.0.0.0/8</c> or <c>10.20.0.0/16</c>. Empty: loopback only.</summary>
    public List<string> AllowedNetworks { get; set; } = new();
}
