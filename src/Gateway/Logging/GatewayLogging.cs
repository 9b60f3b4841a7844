using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Logging;

/// <summary>
/// Logs to the console and to a daily rolling JSON file under <c>{data}/logs</c>, written off the request path. The
/// console is one readable line per event in an interactive terminal and JSON when redirected (or as
/// <c>Logs:ConsoleFormat</c> says). Levels and sinks can be overridden in the <c>Serilog</c> configuration section.
/// </summary>
public static class GatewayLogging
{
    /// <summary>Time, level, message and the request the event belongs to, if any.</summary>
    public const string TextTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{" + RequestIdSuffixEnricher.PropertyName + ":l}{NewLine}{Exception}";

    public static Serilog.ILogger Create(IConfiguration configuration, DataDirectory data) =>
        Create(configuration, data, Console.IsOutputRedirected);

    internal static Serilog.ILogger Create(IConfiguration configuration, DataDirectory data, bool outputRedirected)
    {
        var logs = data.SubDirectory("logs");
        var output = configuration.GetSection(LogOutputOptions.Section).Get<LogOutputOptions>() ?? new LogOutputOptions();
        var keyRingInDataDirectory = ExplainedStartupWarnings.KeyRingInDataDirectory(configuration);
        // Serilog's JSON shape of before (renderMessage), with TraceId and SpanId when the event happened in a trace.
        var json = new JsonFormatter(renderMessage: true);
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            // OpenIddict narrates each protocol request at Information; the token endpoint logs its own outcome.
            .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Filter.ByExcluding(e => ExplainedStartupWarnings.IsExplained(e, keyRingInDataDirectory))
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Node", Environment.MachineName)
            .WriteTo.Async(a =>
            {
                if (output.TextOnConsole(outputRedirected))
                    a.Logger(l => l.Enrich.With<RequestIdSuffixEnricher>().WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture));
                else
                    a.Console(json);
            })
            .WriteTo.Async(a => a.File(json, Path.Combine(logs, "gateway-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, fileSizeLimitBytes: 256L * 1024 * 1024, rollOnFileSizeLimit: true))
            .CreateLogger();
    }
}
