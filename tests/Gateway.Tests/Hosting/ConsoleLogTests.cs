using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Extensions.Logging;
using Serilog.Parsing;
using SpbeConnector.Gateway.Logging;
using SpbeConnector.Policies.RequestId;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Hosting;

/// <summary>
/// The console a person reads: one line per event (time, level, message, request id) at a terminal, JSON when the
/// output is redirected; a first run prints no framework warning that asks nothing of the operator.
/// </summary>
public partial class ConsoleLogTests
{
    [Fact]
    public async Task A_first_run_in_text_prints_one_line_per_event_and_neither_the_migration_nor_the_key_ring_warning()
    {
        var data = Path.Combine(Path.GetTempPath(), "spbe-firstrun-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(data, new Dictionary<string, string>
            {
                ["Logs:ConsoleFormat"] = "Text",
                ["Demo:Enabled"] = "true",
                ["Serilog:MinimumLevel:Default"] = "Information",
            });
            // The banner is printed once the gateway listens; its last lines may arrive a moment after the first.
            for (var waited = 0; !gateway.Output.Contains("/oauth2/token") && waited < 100; waited++)
                await Task.Delay(100);
            var lines = gateway.Output.Split('\n');
            Assert.Contains(lines, l => TextLine().IsMatch(l) && l.Contains("Now listening on: https://127.0.0.1:"));
            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith('{'));
            // EF Core's SQLite table rebuild ("PRAGMA foreign_keys" outside a transaction) and Data Protection's
            // unencrypted file key ring: explained in docs/operations.md, not printed.
            Assert.DoesNotContain(lines, l => l.Contains("cannot be executed in a transaction"));
            Assert.DoesNotContain(lines, l => l.Contains("unencrypted form"));
            Assert.Contains(lines, l => l.Contains("/oauth2/token"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void An_event_during_a_request_names_the_request_on_its_text_line()
    {
        var writer = new StringWriter();
        using var serilog = new LoggerConfiguration().Enrich.FromLogContext().Enrich.With<RequestIdSuffixEnricher>()
            .WriteTo.Sink(new TextSink(writer)).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);
        var logger = factory.CreateLogger("test");
        using (logger.BeginScope(new RequestIdScope("0193abc")))
            logger.LogWarning("Upstream {Name} did not answer", "dukcapil");
        logger.LogInformation("Routes reloaded");

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\d\d:\d\d:\d\d WRN Upstream dukcapil did not answer \(request 0193abc\)$", lines[0]);
        Assert.Matches(@"^\d\d:\d\d:\d\d INF Routes reloaded$", lines[1]);
    }

    [Fact]
    public void A_json_log_event_inside_a_trace_carries_its_trace_id()
    {
        using var source = new System.Diagnostics.ActivitySource("test.json-log-trace");
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.PropagationData,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var writer = new StringWriter();
        using var serilog = new LoggerConfiguration().WriteTo.Sink(new JsonSink(writer)).CreateLogger();
        using (var activity = source.StartActivity("request"))
            serilog.Information("inside");

        var logged = System.Text.Json.JsonDocument.Parse(writer.ToString()).RootElement;
        Assert.Matches("^[0-9a-f]{32}$", logged.GetProperty("TraceId").GetString());
    }

    [Theory]
    [InlineData(ConsoleLogFormat.Auto, false, true)]
    [InlineData(ConsoleLogFormat.Auto, true, false)]
    [InlineData(ConsoleLogFormat.Json, false, false)]
    [InlineData(ConsoleLogFormat.Text, true, true)]
    public void Text_at_a_terminal_json_when_redirected_unless_configured(ConsoleLogFormat format, bool redirected, bool text) =>
        Assert.Equal(text, new LogOutputOptions { ConsoleFormat = format }.TextOnConsole(redirected));

    [Fact]
    public void Only_the_harmless_cases_of_the_two_warnings_are_left_out()
    {
        Assert.True(ExplainedStartupWarnings.IsExplained(MigrationWarning("PRAGMA foreign_keys = 0;\n"), keyRingInDataDirectory: true));
        Assert.False(ExplainedStartupWarnings.IsExplained(MigrationWarning("CREATE INDEX CONCURRENTLY ix ON t (c);"), keyRingInDataDirectory: true));
        Assert.True(ExplainedStartupWarnings.IsExplained(Event("NoXMLEncryptorConfiguredKeyMayBePersistedToStorageInUnencryptedForm"), keyRingInDataDirectory: true));
        // A key ring in PostgreSQL is readable by whoever reads the database: that warning stands.
        Assert.False(ExplainedStartupWarnings.IsExplained(Event("NoXMLEncryptorConfiguredKeyMayBePersistedToStorageInUnencryptedForm"), keyRingInDataDirectory: false));
        Assert.False(ExplainedStartupWarnings.IsExplained(Event("SomethingElse"), keyRingInDataDirectory: true));
    }

    private static LogEvent MigrationWarning(string operation) =>
        Event("Microsoft.EntityFrameworkCore.Migrations.NonTransactionalMigrationOperationWarning", new LogEventProperty("operation", new ScalarValue(operation)));

    private static LogEvent Event(string eventName, params LogEventProperty[] extra) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Warning, null, new MessageTemplateParser().Parse("x"),
            [new LogEventProperty("EventId", new StructureValue([new LogEventProperty("Id", new ScalarValue(1)), new LogEventProperty("Name", new ScalarValue(eventName))])), .. extra]);

    /// <summary>The console sink's rendering (same template), into a string.</summary>
    private sealed class TextSink(TextWriter writer) : ILogEventSink
    {
        private readonly MessageTemplateTextFormatter _formatter = new(GatewayLogging.TextTemplate, System.Globalization.CultureInfo.InvariantCulture);

        public void Emit(LogEvent logEvent) => _formatter.Format(logEvent, writer);
    }

    /// <summary>The log file's and redirected console's format, into a string.</summary>
    private sealed class JsonSink(TextWriter writer) : ILogEventSink
    {
        private readonly Serilog.Formatting.Json.JsonFormatter _formatter = new(renderMessage: true);

        public void Emit(LogEvent logEvent) => _formatter.Format(logEvent, writer);
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d (INF|WRN|ERR) ")]
    private static partial Regex TextLine();
}
