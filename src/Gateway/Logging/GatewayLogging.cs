using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// Structured JSON logs to the console and to a daily rolling file under <c>{data}/logs</c>, written off the request
/// path. Levels and sinks can be overridden in the <c>Serilog</c> configuration section.
/// </summary>
public static class GatewayLogging
{
    public static Serilog.ILogger Create(IConfiguration configuration, DataDirectory data)
    {
        var logs = data.SubDirectory("logs");
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Node", Environment.MachineName)
            .WriteTo.Async(a => a.Console(new JsonFormatter(renderMessage: true)))
            .WriteTo.Async(a => a.File(new JsonFormatter(renderMessage: true), Path.Combine(logs, "gateway-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, fileSizeLimitBytes: 256L * 1024 * 1024, rollOnFileSizeLimit: true))
            .CreateLogger();
    }
}
