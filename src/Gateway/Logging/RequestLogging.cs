namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// One log event per completed request (<see cref="RequestLogMiddleware"/>): method, route, status and time, with the
/// request id and trace id of the request. Failures (5xx, or an exception) are written at Warning or Error; every
/// other request at Debug. Turn them on with
/// <c>Serilog:MinimumLevel:Override:SpbeConnector.Gateway.Logging.RequestLogMiddleware=Debug</c>.
/// </summary>
public static class RequestLogging
{
    /// <summary>The request's route (its pattern, or the API's route id), never the raw path: paths carry personal data such as a NIK.</summary>
    public const string Template = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0} ms";

    public static IApplicationBuilder UseGatewayRequestLog(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLogMiddleware>(app.ApplicationServices.GetRequiredService<Serilog.ILogger>());

    public static string RouteOf(HttpContext context) => context.GetEndpoint() switch
    {
        RouteEndpoint { RoutePattern.RawText: { } pattern } => pattern,
        { DisplayName: { } name } => name,
        _ => "(no route)",
    };
}
