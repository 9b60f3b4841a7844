using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SpbeConnector.Policies.RequestId;

/// <summary>
/// Gives every request an identifier of the gateway's own (time-ordered, unique across nodes), returns it in
/// <c>X-Request-Id</c>, passes it upstream, and puts it on every log line of the request (Pasal 59 ayat (9)
/// huruf d: logs that support incident investigation). A client's own value is never trusted as the identifier.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = id;
        context.Request.Headers[HeaderName] = id;
        context.Response.Headers[HeaderName] = id;
        using (logger.BeginScope(new RequestIdScope(id)))
            await next(context);
    }
}
