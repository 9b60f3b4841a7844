namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>
/// First step of the edge: a request whose connection does not come from a trusted proxy loses every forwarding
/// header, and the forwarded client certificate header, before anything reads them. A client talking to a node
/// directly cannot choose the address that per-source limits, attack detection and the audit record see, nor present
/// a certificate it does not hold.
/// </summary>
public sealed class UntrustedForwardingHeadersMiddleware(RequestDelegate next, TrustedProxySettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!settings.Networks.Contains(context.Connection.RemoteIpAddress))
            ForwardingHeaderRemoval.RemoveAll(context.Request.Headers, settings.ClientCertificateHeader);
        return next(context);
    }
}
