using Microsoft.AspNetCore.Http.Features;

namespace SpbeConnector.Gateway.Edge;

/// <summary>
/// Puts <see cref="ClientBodyStream"/> in front of request bodies whose framing Kestrel parses as they arrive
/// (chunked over HTTP/1.1, streamed over HTTP/2), so that whoever reads the body first (the audit step, schema
/// validation, the admin API, YARP) meets a malformed body as a 400 problem, never as a 500. A body with a
/// Content-Length has no framing to break and is left as it is.
/// </summary>
public sealed class ClientBodyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            request.Body = new ClientBodyStream(request.Body);
        return next(context);
    }
}
