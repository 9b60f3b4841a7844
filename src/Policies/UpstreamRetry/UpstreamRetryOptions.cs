namespace SpbeConnector.Policies.UpstreamRetry;

/// <summary>Retries of failed forwards (section <c>Upstreams</c>).</summary>
public sealed class UpstreamRetryOptions
{
    /// <summary>Further attempts, on other instances, of a request that could not reach an upstream instance.</summary>
    public int Retries { get; set; } = 2;
}
