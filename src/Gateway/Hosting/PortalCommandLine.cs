using SpbeConnector.Audit.Hosting;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Portal.Accounts;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// <c>portal create-admin --username NAME [--name "Full name"] [gateway settings]</c>: creates a platform administrator
/// of the portal. The password is read from the environment variable <see cref="PasswordVariable"/> or, when unset, from
/// the first line of standard input; there is no default password (Pasal 59 ayat (4) huruf a and c).
/// </summary>
public static class PortalCommandLine
{
    public const string PasswordVariable = "SPBE_PORTAL_PASSWORD";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "create-admin")
        {
            await error.WriteLineAsync("Usage: portal create-admin --username NAME [--name \"Full name\"]  (password from $" + PasswordVariable + " or standard input)");
            return 2;
        }
        string? username = null, displayName = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--username" && i + 1 < args.Length)
                username = args[++i];
            else if (args[i] == "--name" && i + 1 < args.Length)
                displayName = args[++i];
            else
                rest.Add(args[i]);
        }
        if (string.IsNullOrWhiteSpace(username))
        {
            await error.WriteLineAsync("portal create-admin: --username is required.");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
            password = await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync($"portal create-admin: no password given; set {PasswordVariable} or pipe it on standard input.");
            return 2;
        }

        await using var app = GatewayApplication.Build(rest.ToArray());
        await app.Services.MigrateRegistryAsync();
        // Identity's user manager and stores live in a scope (as in a request).
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<PortalAccountService>();
        try
        {
            // The administrator chose this password: no change is forced at the first login.
            var account = await accounts.CreateAsync(new PortalAccountInput(username, displayName ?? username, PortalRole.PlatformAdministrator, null, password),
                mustChangePassword: false, CancellationToken.None);
            await output.WriteLineAsync($"Portal administrator '{account.Username}' created. Sign in at https://<gateway>/portal/masuk.");
            await RecordAsync(app.Services.GetRequiredService<DataDirectory>().Path, account.Username, output);
            return 0;
        }
        catch (RegistryValidationException ex)
        {
            var text = SpbeConnector.Portal.Rendering.PortalText.For("en");
            foreach (var (field, problems) in ex.Errors)
                await error.WriteLineAsync($"portal create-admin: {field}: {string.Join("; ", problems.Select(p => text[p]))}");
            return 1;
        }
    }

    /// <summary>
    /// Records the creation in the audit log (Pasal 59 ayat (9) huruf d: account changes) through the server, which alone
    /// appends to it (<see cref="AuditOutbox"/>): at once when one runs on the data directory, else at its next start.
    /// </summary>
    private static async Task RecordAsync(string dataDirectory, string username, TextWriter output)
    {
        var file = AuditOutbox.Drop(dataDirectory, new AuditEvent(SpbeConnector.Portal.PortalAudit.EventType, "create-admin", "succeeded",
            Actor: $"command line ({Environment.UserName})", Target: username,
            Details: new Dictionary<string, string?> { ["role"] = nameof(PortalRole.PlatformAdministrator) }));
        if (DataDirectoryLock.OwnerProcessId(dataDirectory) is { } server)
        {
            for (var i = 0; i < 50 && File.Exists(file); i++)
                await Task.Delay(200);
            if (!File.Exists(file))
            {
                await output.WriteLineAsync($"Recorded in the audit log by the running gateway (process {server}).");
                return;
            }
        }
        await output.WriteLineAsync($"The gateway records the creation in its audit log when it next runs on {dataDirectory} ({file}).");
    }
}
