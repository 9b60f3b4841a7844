using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using static SpbeConnector.Registry.Catalog.CatalogChecks;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>Revocation of access tokens by their identifier (RFC 7009; the security team's incident response).</summary>
public sealed partial class RevokedTokenCatalog(
    IDbContextFactory<RegistryDbContext> contexts,
    RegistryWriter writer,
    TimeProvider clock,
    ILogger<RevokedTokenCatalog> logger)
{
    /// <summary>
    /// Revokes a token until <paramref name="expiresAt"/> (after which it is refused anyway). Every gateway node
    /// refuses it within seconds. Revoking twice is not an error (RFC 7009 section 2.2).
    /// </summary>
    public async Task RevokeTokenAsync(string tokenId, string clientId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(tokenId) || tokenId.Length > 128)
            throw new RegistryValidationException(new RegistryProblems().Add("tokenId", RegistryMessages.TokenIdLength));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        if (await db.RevokedTokens.AnyAsync(r => r.TokenId == tokenId, ct))
            return;
        // Entries of tokens long expired are of no further use; the table stays small.
        var stale = (await db.RevokedTokens.ToListAsync(ct)).Where(r => r.ExpiresAt < now - TimeSpan.FromHours(1));
        db.RevokedTokens.RemoveRange(stale);
        db.RevokedTokens.Add(new RevokedToken { TokenId = tokenId, ClientId = clientId, ExpiresAt = expiresAt, RevokedAt = now });
        await writer.SaveAndSignalAccessAsync(db, ct);
        LogTokenRevoked(tokenId, clientId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access token {TokenId} of client {ClientId} revoked")]
    private partial void LogTokenRevoked(string tokenId, string clientId);
}
