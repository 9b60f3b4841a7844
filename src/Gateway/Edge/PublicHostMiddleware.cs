using SpbeConnector.Policies.Problems;

namespace SpbeConnector.Gateway.Edge;

/// <summary>
/// Answers 421 Misdirected Request (RFC 9110 section 15.5.20) to a request whose Host is not one of the gateway's
/// public names. Without it any Host was accepted and passed upstream as <c>X-Forwarded-Host</c>, where an OPD
/// service building links or redirects from it could be steered to an attacker's host (host-header injection;
/// Pasal 59 ayat (15) huruf b). The refusal does not echo the host it received.
/// </summary>
public sealed partial class PublicHostMiddleware(RequestDelegate next, PublicHostNames hosts, ILogger<PublicHostMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (hosts.Accepts(context.Request.Host.Host))
            return next(context);
        LogRefused(context.TraceIdentifier);
        return GatewayProblem.WriteAsync(context, StatusCodes.Status421MisdirectedRequest, "Misdirected request",
            "This gateway does not serve the host name in the request. Use the gateway's public address as published in its catalog.");
    }

    // Debug: scanners address servers by IP all day; a line each would flood the log.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Request {RequestId} refused with 421: its Host is not one of Gateway:PublicHostNames. If clients legitimately use that name, add it to Gateway:PublicHostNames")]
    private partial void LogRefused(string requestId);
}
