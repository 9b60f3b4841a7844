using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.OAuth;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>The authorization server's signing keys: their schedule, and rotation on demand (Pasal 59 ayat (8) huruf c).</summary>
public static class AdminSigningKeyEndpoints
{
    public static void MapSigningKeyAdminApi(this RouteGroupBuilder admin)
    {
        var keys = admin.MapGroup("/oauth/signing-keys").WithTags("Authorization server");
        keys.MapGet("/", (SigningKeyRing ring) => ring.Keys.Select(SigningKeyResponse.From).ToList())
            .WithName("ListSigningKeys").WithSummary("List the published signing keys and their schedule (public parts only)");
        keys.MapPost("/rotate", async (SigningKeyRing ring, CancellationToken ct) => SigningKeyResponse.From(await ring.RotateAsync(ct)))
            .WithName("RotateSigningKey").WithSummary("Publish a new signing key now; it signs after the publication lead, and the current key stays published until its tokens expire");

        admin.MapPost("/oauth/revoked-tokens", async (TokenRevocation revocation, RevokedTokenCatalog catalog, Microsoft.Extensions.Options.IOptions<OAuthServerOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                // Without an expiry, keep the entry as long as any token issued now could live.
                await catalog.RevokeTokenAsync(revocation.TokenId, revocation.ClientId ?? "", revocation.ExpiresAt ?? clock.GetUtcNow() + options.Value.AccessTokenLifetime, ct);
                return TypedResults.NoContent();
            })
            .WithTags("Authorization server").WithName("RevokeToken")
            .WithSummary("Revoke an access token by its jti; every gateway node refuses it within seconds")
            .ProducesValidationProblem();
    }
}

public sealed record SigningKeyResponse(string KeyId, string Algorithm, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, DateTimeOffset? RetiresAt, DateTimeOffset? ExpiresAt)
{
    public static SigningKeyResponse From(SigningKeyMaterial k) =>
        new(k.KeyId, k.Row.Algorithm, k.Row.CreatedAt, k.Row.ActivatesAt, k.Row.RetiresAt, k.Row.ExpiresAt);
}

/// <summary>A token to revoke: its <c>jti</c>, and optionally its client and expiry (the entry is kept until then).</summary>
public sealed record TokenRevocation(string TokenId, string? ClientId, DateTimeOffset? ExpiresAt);
