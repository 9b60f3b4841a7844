using System.Text.Json;
using SpbeConnector.Audit.Hosting;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// <c>admin create-client --name NAME --scope spbe.admin [--scope spbe.audit] [gateway settings]</c>: registers a
/// management client for an automation (deployment scripts) and prints exactly one JSON object,
/// <c>{"client_id": ..., "client_secret": ...}</c>, on standard output; everything else goes to standard error. Run on
/// the host with the gateway's data directory and settings, also while the gateway runs there: like
/// <c>portal create-admin</c> it writes only the registry's store (which many processes may share), takes no data
/// directory lock, and hands its audit record to the server through the audit outbox (<see cref="AuditOutbox"/>).
/// </summary>
public static class AdminCommandLine
{
    public const string Usage = "Usage: admin create-client --name NAME --scope spbe.admin|spbe.audit [--scope ...] [--description TEXT]\n";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "create-client")
        {
            await error.WriteAsync(Usage);
            return GatewayCommandLine.UsageError;
        }
        string? name = null, description = null;
        var scopes = new List<string>();
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--name" && i + 1 < args.Length)
                name = args[++i];
            else if (args[i] == "--description" && i + 1 < args.Length)
                description = args[++i];
            else if (args[i] == "--scope" && i + 1 < args.Length)
                scopes.AddRange(args[++i].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
            else
                rest.Add(args[i]);
        }
        if (string.IsNullOrWhiteSpace(name) || scopes.Count == 0)
        {
            await error.WriteAsync("admin create-client: --name and at least one --scope are required.\n" + Usage);
            return GatewayCommandLine.UsageError;
        }

        await using var app = GatewayApplication.Build(rest.ToArray());
        await app.Services.MigrateRegistryAsync();
        if (app.Services.GetRequiredService<FirstRunSecrets>().BootstrapToken is { } bootstrap)
        {
            // Composing the host on a fresh data directory made the first-start token; it is shown once, as at a start.
            await error.WriteLineAsync($"This was the first use of the data directory; its first-start token (shown once, only its digest is stored), " +
                $"which only creates the first administrator: {bootstrap}");
        }
        try
        {
            var (client, secret) = await app.Services.GetRequiredService<ManagementClientCatalog>()
                .CreateManagementClientAsync(new ManagementClientInput(name, description, scopes), CancellationToken.None);
            await RecordAsync(app.Services.GetRequiredService<DataDirectory>().Path, client.ClientId, client.ManagementScopes, error);
            await output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["client_id"] = client.ClientId,
                ["client_secret"] = secret.Secret,
            }));
            return 0;
        }
        catch (RegistryValidationException ex)
        {
            foreach (var (field, problems) in ex.Errors)
                await error.WriteLineAsync($"admin create-client: {field}: {string.Join("; ", problems)}");
            return 1;
        }
    }

    /// <summary>
    /// Records the creation (Pasal 59 ayat (9) huruf d: changes to who may administer) through the server, which alone
    /// appends to the audit log: at once when one runs on the data directory, else at its next start.
    /// </summary>
    private static async Task RecordAsync(string dataDirectory, string clientId, IReadOnlyList<string> scopes, TextWriter error)
    {
        var file = AuditOutbox.Drop(dataDirectory, new AuditEvent("admin", "CreateManagementClient", "succeeded",
            Actor: $"command line ({Environment.UserName})", Target: clientId, ClientId: clientId,
            Details: new Dictionary<string, string?> { ["scopes"] = string.Join(' ', scopes) }));
        if (DataDirectoryLock.OwnerProcessId(dataDirectory) is { } server)
        {
            for (var i = 0; i < 50 && File.Exists(file); i++)
                await Task.Delay(200);
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"Recorded in the audit log by the running gateway (process {server}).");
                return;
            }
        }
        await error.WriteLineAsync($"The gateway records the creation in its audit log when it next runs on {dataDirectory} ({file}).");
    }
}
