using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Verifies a <c>private_key_jwt</c> client assertion (RFC 7523 sections 2.2 and 3): <c>iss</c> and <c>sub</c> are
/// the client id; <c>aud</c> names this authorization server (its issuer identifier or the endpoint called);
/// a short lifetime; a signature by a key of the client's registered JWKS with an asymmetric algorithm; and a
/// <c>jti</c> never seen before (replay protection shared by every node through the store).
/// </summary>
public sealed class PrivateKeyJwtVerifier(IDbContextFactory<RegistryDbContext> contexts, IssuerIdentity issuer, TimeProvider clock)
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>How far ahead an assertion may expire: it is for one request, not a long-lived credential.</summary>
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private static readonly string[] Algorithms = ["ES256", "ES384", "RS256", "PS256"];

    /// <summary>The client id the assertion claims (its <c>iss</c>), unverified: only for finding the client.</summary>
    public static string? ClaimedClientId(string assertion)
    {
        try
        {
            return new JsonWebToken(assertion).Issuer is { Length: > 0 } iss ? iss : null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    /// <summary>Null when the assertion authenticates the client; otherwise why not (for the operator's log).</summary>
    public async Task<string?> VerifyAsync(ClientApplication client, string assertion, CancellationToken ct)
    {
        if (client.Jwks is null)
            return "no public keys registered for private_key_jwt";
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(assertion);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return "assertion is not a JWT";
        }
        var id = issuer.Issuer;
        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = client.ClientId,
            ValidAudiences = [id, issuer.TokenEndpoint, issuer.IntrospectionEndpoint, issuer.RevocationEndpoint],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireSignedTokens = true,
            ValidAlgorithms = Algorithms,
            IssuerSigningKeys = new JsonWebKeySet(client.Jwks).GetSigningKeys(),
            TryAllIssuerSigningKeys = true, // clients may omit kid
        });
        if (!result.IsValid)
            return "assertion not valid: " + (result.Exception?.GetType().Name ?? "unknown");
        if (jwt.Subject != client.ClientId)
            return "assertion sub is not the client id";
        if (string.IsNullOrEmpty(jwt.Id))
            return "assertion has no jti";
        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        if (expires - now > MaxLifetime)
            return "assertion lives longer than ten minutes";

        await using var db = await contexts.CreateDbContextAsync(ct);
        var used = await db.UsedClientAssertions.Where(a => a.ClientId == client.ClientId).ToListAsync(ct);
        if (used.Any(a => a.AssertionId == jwt.Id))
            return "assertion replayed (jti already used)";
        // Forget assertions that have expired: they can no longer be replayed anyway.
        db.UsedClientAssertions.RemoveRange(used.Where(a => a.ExpiresAt < now));
        db.UsedClientAssertions.Add(new UsedClientAssertion { ClientId = client.ClientId, AssertionId = jwt.Id, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node or request stored the same jti first.
            return "assertion replayed (jti already used)";
        }
        return null;
    }
}
