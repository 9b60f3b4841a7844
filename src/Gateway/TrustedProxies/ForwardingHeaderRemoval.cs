namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>Removes the forwarding headers (and the configured client certificate header) from a request.</summary>
internal static class ForwardingHeaderRemoval
{
    public static void RemoveAll(IHeaderDictionary headers, string? certificateHeader)
    {
        foreach (var name in ForwardingHeaders.All)
            headers.Remove(name);
        if (certificateHeader is not null)
            headers.Remove(certificateHeader);
    }
}
