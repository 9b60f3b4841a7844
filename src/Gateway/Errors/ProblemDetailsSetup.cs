namespace SpbeConnector.Gateway.Errors;

/// <summary>
/// Every error the gateway itself produces is RFC 9457 <c>application/problem+json</c>, with the request id for
/// support and no stack trace, exception text or internal name (Pasal 59 ayat (9) huruf a, b).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddGatewayProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.Remove("exception");
            ctx.ProblemDetails.Extensions["requestId"] = ctx.HttpContext.TraceIdentifier;
            // The W3C trace id alone (ASP.NET Core's default puts the whole activity id, span included, or the request
            // id): what the caller quotes to find the call in the traces of every system it crossed.
            if (SpbeConnector.Policies.Tracing.GatewayTracing.CurrentTraceId() is { } traceId)
                ctx.ProblemDetails.Extensions["traceId"] = traceId;
            else
                ctx.ProblemDetails.Extensions.Remove("traceId");
            ctx.ProblemDetails.Instance = null;
            if (ctx.Exception is BadHttpRequestException)
            {
                // The request itself could not be read (malformed chunked framing, a body over the limit, too slow):
                // the client's fault, said without echoing what it sent.
                ctx.ProblemDetails.Detail = "The request could not be read: its framing or body is malformed or over the gateway's limits. Correct the request; quote the requestId if it persists.";
                return;
            }
            if (ctx.ProblemDetails.Status == StatusCodes.Status400BadRequest && ctx.ProblemDetails.Detail is null && !ctx.ProblemDetails.Extensions.ContainsKey("errors"))
                ctx.ProblemDetails.Detail = "The request could not be read: check that the body is JSON and that each field has the type the API's OpenAPI document gives.";
            if (ctx.ProblemDetails.Status >= 500 && ctx.Exception is not null)
            {
                ctx.ProblemDetails.Title = "Internal gateway error";
                ctx.ProblemDetails.Detail = "The gateway could not complete the request. Quote the requestId when reporting it.";
            }
        });
        // First of the writers: the one that always writes (see ProblemJsonWriter).
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
        // A request Kestrel could not read (BadHttpRequestException, whose status says why: 400, 408, 413...) is
        // answered with that status, not 500: it is the client's error, not the gateway's.
        services.Configure<ExceptionHandlerOptions>(o =>
        {
            o.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            // Registry refusals (a broken rule, a missing decision, a refused decider) are answered and logged as handled
            // refusals by RegistryExceptionHandler; only faults are logged as unhandled exceptions.
            o.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException
                || (context.ExceptionHandledBy == Microsoft.AspNetCore.Diagnostics.ExceptionHandledType.ExceptionHandlerService
                    && SpbeConnector.Registry.AdminApi.RegistryExceptionHandler.IsExpectedRefusal(context.Exception));
        });
        return services;
    }
}
