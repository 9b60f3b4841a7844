using Serilog;
using Serilog.Events;

namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// One log event per completed request (Serilog's request logging): method, route, status and time, with the
/// request id and trace id of the request. Failures (5xx, or an exception) are written at Warning; every other
/// request at Debug, so that the default level logs no line per call (the audit log already records every
/// exchange, and a console line per request would cost throughput). Turn them on with
/// <c>Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Debug</c>.
/// </summary>
public static class RequestLogging
{
    /// <summary>The request's route (its pattern, or the API's route id), never the raw path: paths carry personal data such as a NIK.</summary>
    public const string Template = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0} ms";

    public static IApplicationBuilder UseGatewayRequestLog(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = Template;
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Warning : LogEventLevel.Debug;
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("Route", new ScalarValue(RouteOf(context))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });

    private static string RouteOf(HttpContext context) => context.GetEndpoint() switch
    {
        RouteEndpoint { RoutePattern.RawText: { } pattern } => pattern,
        { DisplayName: { } name } => name,
        _ => "(no route)",
    };
}
