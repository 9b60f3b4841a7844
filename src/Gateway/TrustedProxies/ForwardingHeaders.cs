using Microsoft.AspNetCore.HttpOverrides;

namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>
/// The request headers through which a proxy speaks about the connection it received. Nobody but a trusted proxy may
/// set them, and none is forwarded upstream as received: the forwarder (YARP) writes X-Forwarded-For, -Proto, -Host
/// and -Prefix afresh from the connection as the gateway established it.
/// </summary>
public static class ForwardingHeaders
{
    /// <summary>
    /// RFC 7239. The framework does not read it and the gateway does not either: trusted proxies must use
    /// X-Forwarded-For / X-Forwarded-Proto (nginx, HAProxy, Envoy and cloud balancers all can). Honouring both would
    /// let a client behind a proxy that sets only one of them choose its address with the other.
    /// </summary>
    public const string Forwarded = "Forwarded";

    /// <summary>
    /// Every header removed from a request that did not come from a trusted proxy, and from every request once the edge
    /// has read what it trusts: the framework's X-Original-* (the values it replaced) included.
    /// </summary>
    public static readonly string[] All =
    [
        Forwarded,
        ForwardedHeadersDefaults.XForwardedForHeaderName,
        ForwardedHeadersDefaults.XForwardedProtoHeaderName,
        ForwardedHeadersDefaults.XForwardedHostHeaderName,
        ForwardedHeadersDefaults.XForwardedPrefixHeaderName,
        ForwardedHeadersDefaults.XOriginalForHeaderName,
        ForwardedHeadersDefaults.XOriginalProtoHeaderName,
        ForwardedHeadersDefaults.XOriginalHostHeaderName,
        ForwardedHeadersDefaults.XOriginalPrefixHeaderName,
    ];
}
