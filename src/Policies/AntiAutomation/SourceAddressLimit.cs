namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>Which per-source budget a shedding step counts against.</summary>
public enum SourceAddressLimit
{
    /// <summary>Every proxied request (<c>AntiAutomation:PerIpLimit</c> per <c>PerIpWindow</c>).</summary>
    Proxied,

    /// <summary>Requests to the token endpoint (<c>AntiAutomation:TokenEndpointPerIpLimit</c> per <c>TokenEndpointPerIpWindow</c>).</summary>
    TokenEndpoint,
}
