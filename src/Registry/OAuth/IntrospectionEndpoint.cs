using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// <c>POST /oauth2/introspect</c> (RFC 7662): tells an authorized resource server (a client allowed to introspect)
/// whether a token is active and what it says. A token is active when valid, not revoked, and of an enabled client;
/// anything else is <c>{"active": false}</c> with nothing more (section 2.2).
/// </summary>
public sealed class IntrospectionEndpoint(
    ClientAuthenticator authenticator,
    LocalTokenReader reader,
    IDbContextFactory<RegistryDbContext> contexts,
    IssuerIdentity issuer)
{
    public async Task HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        if (await authenticator.ReadAuthenticatedRequestAsync(http, issuer.Issuer) is not ({ } form, { } client))
            return;
        if (!client.MayIntrospect)
        {
            // Section 4: only authorized protected resources may learn about tokens (no token scanning).
            await OAuthResponses.WriteErrorAsync(http, new OAuthError(StatusCodes.Status403Forbidden, "unauthorized_client",
                "This client is not authorized to introspect tokens."), issuer.Issuer);
            return;
        }
        var raw = ClientAuthenticator.Single(form, "token");
        if (raw is null)
        {
            await OAuthResponses.WriteErrorAsync(http, OAuthError.InvalidRequest("The token parameter is required."), issuer.Issuer);
            return;
        }
        var token = await reader.ReadAsync(raw, ct);
        var active = token is not null && await IsActiveAsync(token, ct);
        await OAuthResponses.WriteAsync(http, StatusCodes.Status200OK, active ? Describe(token!) : new Introspection(false));
    }

    private async Task<bool> IsActiveAsync(JsonWebToken token, CancellationToken ct)
    {
        if (!token.TryGetPayloadValue<string>("client_id", out var clientId))
            return false;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return !await db.RevokedTokens.AnyAsync(r => r.TokenId == token.Id, ct)
            && await db.Clients.AnyAsync(c => c.ClientId == clientId && c.Status == ClientStatus.Enabled, ct);
    }

    private static Introspection Describe(JsonWebToken token) => new(
        true,
        token.TryGetPayloadValue<string>("scope", out var scope) ? scope : null,
        token.TryGetPayloadValue<string>("client_id", out var clientId) ? clientId : null,
        "Bearer",
        new DateTimeOffset(token.ValidTo, TimeSpan.Zero).ToUnixTimeSeconds(),
        new DateTimeOffset(token.IssuedAt, TimeSpan.Zero).ToUnixTimeSeconds(),
        new DateTimeOffset(token.ValidFrom, TimeSpan.Zero).ToUnixTimeSeconds(),
        token.Subject,
        token.Audiences.ToArray(),
        token.Issuer,
        token.Id,
        token.TryGetPayloadValue<Dictionary<string, object>>("cnf", out var cnf) ? cnf : null);

    private sealed record Introspection(
        [property: JsonPropertyName("active")] bool Active,
        [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope = null,
        [property: JsonPropertyName("client_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null,
        [property: JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenType = null,
        [property: JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Exp = null,
        [property: JsonPropertyName("iat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Iat = null,
        [property: JsonPropertyName("nbf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Nbf = null,
        [property: JsonPropertyName("sub"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sub = null,
        [property: JsonPropertyName("aud"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Aud = null,
        [property: JsonPropertyName("iss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Iss = null,
        [property: JsonPropertyName("jti"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Jti = null,
        [property: JsonPropertyName("cnf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, object>? Cnf = null);
}
