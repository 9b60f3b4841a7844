namespace SpbeConnector.Policies.Access;

/// <summary>The named HTTP client for the policies' own calls to other servers; the host configures its TLS trust.</summary>
public static class OutboundHttp
{
    public const string ClientName = "spbe-outbound";
}
