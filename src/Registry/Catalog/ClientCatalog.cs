using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>Client applications and their secrets (Pasal 60 ayat (3) huruf d: each connected service authenticates).</summary>
public sealed partial class ClientCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    ClientSecretHasher secretHasher,
    Microsoft.Extensions.Options.IOptions<OAuthServerOptions> oauthOptions,
    TimeProvider clock,
    ILogger<ClientCatalog> logger)
{
    public async Task<IReadOnlyList<ClientApplication>> ListClientsAsync(string? opdCode, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Clients.AsNoTracking().Include(c => c.Opd).Include(c => c.Secrets).AsQueryable();
        if (!string.IsNullOrEmpty(opdCode))
            query = query.Where(c => c.Opd!.Code == opdCode);
        var clients = await query.ToListAsync(ct);
        return clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
    }

    public async Task<ClientApplication?> FindClientAsync(string clientId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Clients.AsNoTracking().Include(c => c.Opd).Include(c => c.Secrets).SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
    }

    /// <summary>Registers a client application with its first secret, returned once and stored only as a hash.</summary>
    public async Task<(ClientApplication Client, IssuedSecret Secret)> CreateClientAsync(ClientInput input, CancellationToken ct)
    {
        var (client, secret) = await CreateAsync(input, issueSecret: true, ct);
        return (client, secret!);
    }

    /// <summary>
    /// Registers a client application without any secret: the portal's developers ask for one when they need it and
    /// see it once then, rather than a secret being made that nobody was shown (issue 19 item 6).
    /// </summary>
    public async Task<ClientApplication> CreateClientWithoutSecretAsync(ClientInput input, CancellationToken ct) =>
        (await CreateAsync(input, issueSecret: false, ct)).Client;

    private async Task<(ClientApplication Client, IssuedSecret? Secret)> CreateAsync(ClientInput input, bool issueSecret, CancellationToken ct)
    {
        var errors = RegistryRules.Check(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var opd = await db.Opds.SingleOrDefaultAsync(o => o.Code == input.OpdCode, ct);
        if (opd is null)
            errors.Add("opdCode", RegistryMessages.OpdUnknown);
        ThrowIfInvalid(errors);
        var clientId = string.IsNullOrEmpty(input.ClientId) ? NewClientId(opd!.Code) : input.ClientId;
        if (await db.Clients.AnyAsync(c => c.ClientId == clientId, ct))
            throw new RegistryConflictException(RegistryMessages.ClientIdTaken, ("clientId", clientId));
        var now = clock.GetUtcNow();
        var client = new ClientApplication
        {
            Id = Guid.NewGuid(),
            ClientId = clientId,
            OpdId = opd!.Id,
            Name = input.Name.Trim(),
            Description = input.Description,
            MayIntrospect = input.MayIntrospect,
            Jwks = string.IsNullOrWhiteSpace(input.Jwks) ? null : input.Jwks,
            CertificateThumbprints = RegistryRules.CertificateThumbprints(input.Certificates).Thumbprints,
            TlsClientAuthSubjectDn = string.IsNullOrWhiteSpace(input.TlsClientAuthSubjectDn) ? null : RegistryRules.NormalizeDistinguishedName(input.TlsClientAuthSubjectDn),
            Status = ClientStatus.Enabled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        IssuedSecret? issued = null;
        if (issueSecret)
        {
            (var secret, issued) = NewSecret(secretHasher, client, now);
            client.Secrets.Add(secret);
        }
        db.Clients.Add(client);
        await writer.SaveAndSignalAccessAsync(db, ct);
        client.Opd = opd;
        LogClientCreated(opd.Code, client.ClientId);
        return (client, issued);
    }

    public async Task<ClientApplication?> UpdateClientAsync(string clientId, ClientUpdate input, CancellationToken ct)
    {
        ThrowIfInvalid(RegistryRules.Check(input));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.Include(c => c.Opd).Include(c => c.Secrets).SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null)
            return null;
        client.Name = input.Name.Trim();
        client.Description = input.Description;
        client.MayIntrospect = input.MayIntrospect;
        client.Jwks = string.IsNullOrWhiteSpace(input.Jwks) ? null : input.Jwks;
        client.CertificateThumbprints = RegistryRules.CertificateThumbprints(input.Certificates).Thumbprints;
        client.TlsClientAuthSubjectDn = string.IsNullOrWhiteSpace(input.TlsClientAuthSubjectDn) ? null : RegistryRules.NormalizeDistinguishedName(input.TlsClientAuthSubjectDn);
        client.UpdatedAt = clock.GetUtcNow();
        await writer.SaveAndSignalAccessAsync(db, ct);
        return client;
    }

    /// <summary>
    /// Enables or disables a client; a disabled client's tokens are refused at the gateway within seconds. Only
    /// <see cref="Approvals.ApprovalWorkflow"/> calls it: disabling is an emergency act with a reason (<paramref name="alsoRecord"/>).
    /// </summary>
    internal async Task<ClientApplication?> SetClientStatusAsync(string clientId, ClientStatus status, Action<RegistryDbContext, ClientApplication>? alsoRecord, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.Include(c => c.Opd).Include(c => c.Secrets).SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null)
            return null;
        client.Status = status;
        client.UpdatedAt = clock.GetUtcNow();
        alsoRecord?.Invoke(db, client);
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogClientStatus(client.ClientId, status);
        return client;
    }

    /// <summary>
    /// Issues a new secret. The secrets the client held keep working for <paramref name="overlap"/> (default: the
    /// configured rotation overlap), so that the application can switch without an outage; zero ends them at once.
    /// </summary>
    public async Task<IssuedSecret?> RotateClientSecretAsync(string clientId, TimeSpan? overlap, CancellationToken ct)
    {
        var grace = overlap ?? oauthOptions.Value.SecretRotationOverlap;
        if (grace < TimeSpan.Zero || grace > TimeSpan.FromDays(90))
            throw new RegistryValidationException(new RegistryProblems().Add("overlap", RegistryMessages.SecretOverlapRange));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.Include(c => c.Secrets).SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null)
            return null;
        var now = clock.GetUtcNow();
        var endOfOverlap = now + grace;
        foreach (var old in client.Secrets.Where(s => s.IsActiveAt(now) && (s.ExpiresAt is null || s.ExpiresAt > endOfOverlap)))
            old.ExpiresAt = endOfOverlap;
        // Secrets that ended long ago are of no further use.
        db.ClientSecrets.RemoveRange(client.Secrets.Where(s => s.ExpiresAt < now - TimeSpan.FromDays(30)));
        var (secret, issued) = NewSecret(secretHasher, client, now);
        db.ClientSecrets.Add(secret);
        client.UpdatedAt = now;
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogSecretRotated(client.ClientId, grace);
        return issued;
    }

    /// <summary>Ends one secret at once (for example after a leak).</summary>
    public async Task<bool> RevokeClientSecretAsync(string clientId, Guid secretId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var client = await db.Clients.Include(c => c.Secrets).SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        var secret = client?.Secrets.SingleOrDefault(s => s.Id == secretId);
        if (secret is null)
            return false;
        var now = clock.GetUtcNow();
        if (secret.IsActiveAt(now))
            secret.ExpiresAt = now;
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogSecretRevoked(client!.ClientId, secretId);
        return true;
    }

    /// <summary>A new secret of <paramref name="client"/>: the value to hand over once, and the row that keeps only its hash.</summary>
    internal static (ClientSecret Stored, IssuedSecret Issued) NewSecret(ClientSecretHasher secretHasher, ClientApplication client, DateTimeOffset now)
    {
        var value = ClientSecretHasher.NewSecret();
        var stored = new ClientSecret
        {
            Id = Guid.NewGuid(),
            ClientApplicationId = client.Id,
            Hash = secretHasher.Hash(value),
            Hint = value[^4..],
            CreatedAt = now,
        };
        return (stored, new IssuedSecret(client.ClientId, stored.Id, value, now));
    }

    private static string NewClientId(string opdCode) =>
        $"{opdCode}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Client application {ClientId} of OPD {OpdCode} registered")]
    private partial void LogClientCreated(string opdCode, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client application {ClientId} is now {Status}")]
    private partial void LogClientStatus(string clientId, ClientStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client application {ClientId} received a new secret; its previous secrets end in {Overlap}")]
    private partial void LogSecretRotated(string clientId, TimeSpan overlap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secret {SecretId} of client application {ClientId} revoked")]
    private partial void LogSecretRevoked(string clientId, Guid secretId);
}
