using Microsoft.Extensions.Options;
using SpbeConnector.Gateway.Demo;
using SpbeConnector.Gateway.Tls;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// The command line: with no command, runs the gateway until stopped; <c>audit ...</c> verifies audit logs and receipts
/// offline (<see cref="AuditCommandLine"/>); <c>backup</c> and <c>restore</c> save and restore its state: the data
/// directory (<see cref="BackupCommandLine"/>), or the PostgreSQL stores when the registry is on PostgreSQL
/// (<see cref="PostgresBackupCommandLine"/>);
/// <c>compliance report</c> prints the compliance report of this installation (<see cref="Compliance.ComplianceCommandLine"/>);
/// <c>portal create-admin</c> creates the first portal administrator (<see cref="PortalCommandLine"/>);
/// <c>admin create-client</c> registers a management client for automation (<see cref="AdminCommandLine"/>).
/// Anything else is refused with the usage on standard error and a non-zero exit, before any data directory is
/// created or any port opened (<see cref="ServerArguments"/>).
/// </summary>
public static class GatewayCommandLine
{
    /// <summary>The exit code of a command line that names no known command or setting.</summary>
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            await Console.Out.WriteAsync(GatewayUsage.Text);
            return 0;
        }
        if (args.Length > 0 && args[0] == "audit")
            return await AuditCommandLine.RunAsync(args[1..], Console.Out, Console.Error);
        if (args.Length > 0 && args[0] is "backup" or "restore" && PostgresBackupCommandLine.Handles(args))
            return await PostgresBackupCommandLine.RunAsync(args, Console.Out, Console.Error);
        if (args.Length > 0 && args[0] is "backup" or "restore")
            return await BackupCommandLine.RunAsync(args, Console.Out, Console.Error);
        if (args.Length > 0 && args[0] == "compliance")
        {
            // Logs go to standard error so that standard output carries the report alone (JSON stays parseable).
            var report = Console.Out;
            Console.SetOut(Console.Error);
            return await Compliance.ComplianceCommandLine.RunAsync(args[1..], report, Console.Error);
        }
        if (args.Length > 0 && args[0] == "admin")
        {
            // Standard output carries the one JSON object a script reads; logs go to standard error.
            var json = Console.Out;
            Console.SetOut(Console.Error);
            return await AdminCommandLine.RunAsync(args[1..], json, Console.Error);
        }
        if (args.Length > 0 && args[0] == "portal")
            return await PortalCommandLine.RunAsync(args[1..], Console.In, Console.Out, Console.Error);

        if (ServerArguments.Problem(args) is { } problem)
        {
            await Console.Error.WriteLineAsync($"{problem}\n{GatewayUsage.Text}");
            return UsageError;
        }

        GatewayHost host;
        try
        {
            host = await GatewayHost.StartAsync(args);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OptionsValidationException)
        {
            // Operators get the cause and the fix, not a stack trace.
            await Console.Error.WriteLineAsync($"SPBE Connector could not start: {ex.Message}");
            return 1;
        }
        await using (host)
        {
            PrintBanner(host);
            await host.App.WaitForShutdownAsync();
        }
        return 0;
    }

    private static void PrintBanner(GatewayHost host)
    {
        Console.Out.Write(BannerText(host));
        Console.Out.Flush();
    }

    /// <summary>The text printed at start: addresses, the one-time first-start token, and demo commands that work as printed.</summary>
    internal static string BannerText(GatewayHost host)
    {
        var data = host.Services.GetRequiredService<DataDirectory>();
        var secrets = host.Services.GetRequiredService<FirstRunSecrets>();
        var tls = host.Services.GetRequiredService<IConfiguration>().GetSection(TlsOptions.Section).Get<TlsOptions>();
        var devCert = string.IsNullOrEmpty(tls?.CertificatePath) ? data.File("tls", DevelopmentCertificate.CertificateFile) : null;
        var trust = devCert is not null ? $"--cacert {Quote(devCert)} " : "";

        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine("SPBE Connector is running.");
        text.AppendLine($"  Gateway:   {string.Join(", ", host.Urls)}");
        text.AppendLine($"  Data:      {data.Path}");
        text.AppendLine($"  Admin API: {host.BaseUrl}/admin/v1   (docs: {host.BaseUrl}/admin/docs)");
        text.AppendLine($"  Audit API: {host.BaseUrl}/audit/v1   (receipt keys: {host.BaseUrl}/audit/v1/receipt-keys)");
        text.AppendLine($"  Portal:    {host.BaseUrl}/portal   (first administrator: 'portal create-admin --username NAME', password from ${PortalCommandLine.PasswordVariable} or stdin)");
        text.AppendLine($"  Automation: 'admin create-client --name NAME --scope spbe.admin' prints a management client's id and secret");
        if (secrets.BootstrapToken is not null)
        {
            text.AppendLine();
            text.AppendLine("  First-start token (shown this once; only its digest is stored). It only creates the first administrator,");
            text.AppendLine("  and is refused once one exists:");
            text.AppendLine($"    {secrets.BootstrapToken}");
            text.AppendLine($"    curl {trust}-H \"Authorization: Bearer <token>\" -H 'Content-Type: application/json' \\");
            text.AppendLine($"      -d '{{\"username\":\"admin\",\"password\":\"...\"}}' {host.BaseUrl}/admin/v1/bootstrap/administrator");
        }
        if (host.Sample is not null && host.DemoClient is { } demo)
        {
            text.AppendLine();
            text.AppendLine($"  Try the demo API (Disdukcapil population registry, synthetic data) as the demo client {demo.ClientId}");
            text.AppendLine($"  (credentials in {data.File(DemoClient.FileName)}): get an access token, then call the API with it:");
            text.AppendLine($"    TOKEN=$(curl -s {trust}-u '{demo.ClientId}:{demo.ClientSecret}' -d grant_type=client_credentials {demo.TokenEndpoint} | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
            text.AppendLine($"    curl {trust}-H \"Authorization: Bearer $TOKEN\" {demo.ExampleUrl}");
        }
        text.AppendLine();
        return text.ToString();
    }

    private static string Quote(string path) => path.Contains(' ') ? $"\"{path}\"" : path;
}
