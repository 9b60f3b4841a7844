using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Reads an access token of this server for introspection, revocation and the management interfaces: valid signature,
/// issuer, type and lifetime, the lifetime on the server's own clock (the one that issued it).
/// </summary>
public sealed class LocalTokenReader(SigningKeyRing keys, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>The token when it is one of this server's and still valid; otherwise null.</summary>
    public async Task<JsonWebToken?> ReadAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16_384)
            return null;
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
        var result = await Handler.ValidateTokenAsync(jwt, Parameters());
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            await keys.RefreshKeysAsync(ct);
            result = await Handler.ValidateTokenAsync(jwt, Parameters());
        }
        return result.IsValid ? jwt : null;
    }

    private TokenValidationParameters Parameters()
    {
        var parameters = LocalTokenValidation.Parameters(keys.Issuer, keys.PublishedKeys.Keys, TimeSpan.Zero);
        parameters.LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } end && end > now && (notBefore is not { } start || start <= now);
        };
        return parameters;
    }
}
