namespace SpbeConnector.Gateway.TrustedProxies;

/// <summary>
/// Last step of the edge: once the framework has set the connection's remote address, scheme and client certificate
/// from what a trusted proxy said, the headers that said it are removed, so that nothing after reads them again and
/// the upstream never receives them as they arrived (the forwarder writes its own X-Forwarded-* from the connection).
/// </summary>
public sealed class ConsumedForwardingHeadersMiddleware(RequestDelegate next, TrustedProxySettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        ForwardingHeaderRemoval.RemoveAll(context.Request.Headers, settings.ClientCertificateHeader);
        return next(context);
    }
}
