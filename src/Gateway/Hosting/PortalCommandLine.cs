using SpbeConnector.Registry.Catalog;
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
        var accounts = app.Services.GetRequiredService<PortalAccountService>();
        try
        {
            // The administrator chose this password: no change is forced at the first login.
            var account = await accounts.CreateAsync(new PortalAccountInput(username, displayName ?? username, PortalRole.PlatformAdministrator, null, password),
                mustChangePassword: false, CancellationToken.None);
            await output.WriteLineAsync($"Portal administrator '{account.Username}' created. Sign in at https://<gateway>/portal/masuk.");
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
}
