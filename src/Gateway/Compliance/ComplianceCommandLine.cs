using SpbeConnector.Portal.Compliance;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Registry.Compliance;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// <c>compliance report [--format json|text|html] [--output FILE] [gateway settings]</c>: the compliance report of this
/// installation (Pasal 59 ayat (2) huruf a), from the same settings and data directory as the gateway, without starting
/// it: the host is composed but never run, so nothing listens.
/// </summary>
public static class ComplianceCommandLine
{
    public const int UsageError = 2;

    private const string Usage = """
        Usage: compliance report [--format json|text|html] [--output FILE] [gateway settings, e.g. --DataDirectory PATH]
          Judges every item of Pasal 59 and 60 on this installation's settings and state, without starting the gateway.

        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "report")
        {
            await error.WriteAsync(Usage);
            return UsageError;
        }
        string format = "text";
        string? file = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--format" && i + 1 < args.Length)
                format = args[++i];
            else if (args[i] == "--output" && i + 1 < args.Length)
                file = args[++i];
            else
                settings.Add(args[i]);
        }
        Func<ComplianceReport, string>? render = format switch
        {
            "json" => ComplianceReportJson.Write,
            "text" => ComplianceReportText.Write,
            "html" => ComplianceReportHtml.Write,
            _ => null,
        };
        if (render is null)
        {
            await error.WriteAsync($"compliance report: unknown format '{format}'.\n{Usage}");
            return UsageError;
        }

        await using var app = GatewayApplication.Build(settings.ToArray());
        // The registry as the gateway would find it at start (an empty data directory gets its empty store).
        await app.Services.MigrateRegistryAsync();
        var secrets = app.Services.GetRequiredService<FirstRunSecrets>();
        if (secrets.BootstrapToken is not null)
        {
            // Composing the host on a fresh data directory made the first-start token; it is shown once, as at a start.
            await error.WriteLineAsync("This was the first use of the data directory; its one-time first-start token (only its digest is stored)");
            await error.WriteLineAsync("only creates the first administrator, with POST /admin/v1/bootstrap/administrator.");
            await error.WriteLineAsync($"  First-start token: {secrets.BootstrapToken}");
        }
        var report = await app.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync(CancellationToken.None);
        var text = render(report);
        if (file is null)
            await output.WriteAsync(text);
        else
            await File.WriteAllTextAsync(file, text);
        return 0;
    }
}
