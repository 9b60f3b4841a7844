using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Registry.OAuth;

/// <summary>Reads an access token of this server for introspection and revocation: valid signature, issuer, type and lifetime.</summary>
public sealed class LocalTokenReader(SigningKeyRing keys)
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
        var result = await Handler.ValidateTokenAsync(jwt, LocalTokenValidation.Parameters(keys.Issuer, keys.PublishedKeys.Keys, TimeSpan.Zero));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            await keys.RefreshKeysAsync(ct);
            result = await Handler.ValidateTokenAsync(jwt, LocalTokenValidation.Parameters(keys.Issuer, keys.PublishedKeys.Keys, TimeSpan.Zero));
        }
        return result.IsValid ? jwt : null;
    }
}
