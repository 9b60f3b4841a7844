namespace SpbeConnector.Policies.UpstreamAuthentication;

/// <summary>The gateway's own token for this request's upstream, set by <see cref="UpstreamTokenMiddleware"/>.</summary>
public sealed class UpstreamTokenFeature(string token)
{
    public string Token { get; } = token;
}
