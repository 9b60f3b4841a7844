using System.Diagnostics;
using Serilog.Events;

namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// One log event per completed request: method, route, status and time (<see cref="RequestLogging.Template"/>), with
/// the request id and trace id the request's logging scope and activity give it. The level is decided after the
/// request, and nothing else is done for a request whose event would not be written: no collector, no ambient
/// context, no properties. Serilog.AspNetCore's request logging middleware did the same job but cost about 8 µs of
/// CPU per proxied request on the benchmark's machine, most of it for its diagnostic context, which nothing here
/// uses (docs/performance.md).
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, Serilog.ILogger logger)
{
    private readonly Serilog.ILogger _logger = logger.ForContext<RequestLogMiddleware>();

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            Write(LogEventLevel.Error, context, StatusCodes.Status500InternalServerError, started, exception);
            throw;
        }
        var status = context.Response.StatusCode;
        // Failures at Warning; every other request at Debug, so that the default level writes no line per call (the
        // audit log already records every exchange, and a line per request would cost throughput).
        var level = status >= StatusCodes.Status500InternalServerError ? LogEventLevel.Warning : LogEventLevel.Debug;
        Write(level, context, status, started, null);
    }

    /// <summary>Writes the event if its level is enabled (the one place that asks).</summary>
    private void Write(LogEventLevel level, HttpContext context, int status, long started, Exception? exception)
    {
        if (!_logger.IsEnabled(level))
            return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _logger.Write(level, exception, RequestLogging.Template, context.Request.Method, RequestLogging.RouteOf(context), status, elapsed);
    }
}
