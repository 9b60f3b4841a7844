using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Management clients: the automations an administrator allows to call the admin or audit API with the management
/// scopes (Pasal 59 ayat (6) huruf c: the administrator-side interface is controlled; ayat (9): each act names its caller).
/// </summary>
public sealed partial class ManagementClientCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    ClientSecretHasher secretHasher,
    TimeProvider clock,
    ILogger<ManagementClientCatalog> logger)
{
    /// <summary>Registers a management client with its first secret, returned once and stored only as a hash.</summary>
    public async Task<(ClientApplication Client, IssuedSecret Secret)> CreateManagementClientAsync(ManagementClientInput input, CancellationToken ct)
    {
        var errors = new RegistryProblems();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
            errors.Add("name", RegistryMessages.ManagementNameFormat);
        if (RegistryRules.CheckManagementScopes(input.Scopes, required: true) is { } scopeError)
            errors.Add([scopeError]);
        ThrowIfInvalid(errors);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var client = new ClientApplication
        {
            Id = Guid.NewGuid(),
            ClientId = "spbe-mgmt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Name = input.Name.Trim(),
            Description = input.Description,
            IsManagementClient = true,
            ManagementScopes = Normalized(input.Scopes),
            Status = ClientStatus.Enabled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (secret, issued) = ClientCatalog.NewSecret(secretHasher, client, now);
        client.Secrets.Add(secret);
        db.Clients.Add(client);
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogManagementClient(client.ClientId, string.Join(' ', client.ManagementScopes));
        return (client, issued);
    }

    /// <summary>Marks a client as a management client with these scopes, or takes the mark away (no scopes).</summary>
    public async Task<ClientApplication?> SetManagementScopesAsync(string clientId, ManagementScopesChange change, CancellationToken ct)
    {
        if (RegistryRules.CheckManagementScopes(change.Scopes, required: false) is { } scopeError)
            ThrowIfInvalid(new RegistryProblems().Add([scopeError]));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.Include(c => c.Opd).Include(c => c.Secrets).SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null)
            return null;
        client.ManagementScopes = Normalized(change.Scopes);
        client.IsManagementClient = client.ManagementScopes.Count > 0;
        client.UpdatedAt = clock.GetUtcNow();
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogManagementClient(client.ClientId, string.Join(' ', client.ManagementScopes));
        return client;
    }

    private static List<string> Normalized(IReadOnlyList<string>? scopes) =>
        (scopes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client application {ClientId} is now a management client with the scopes '{Scopes}' (none: no longer one)")]
    private partial void LogManagementClient(string clientId, string scopes);
}
