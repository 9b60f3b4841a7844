using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// Mints access tokens as JWTs per RFC 9068: header <c>typ: at+jwt</c>, claims <c>iss</c>, <c>sub</c>, <c>aud</c>,
/// <c>client_id</c>, <c>scope</c>, <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>, and <c>cnf</c> with <c>x5t#S256</c>
/// when bound to a client certificate (RFC 8705 section 3.1). Signed by the key ring's current key; the signing
/// itself is Microsoft.IdentityModel's.
/// </summary>
public sealed class AccessTokenFactory(SigningKeyRing keys, IssuerIdentity issuer, IOptions<OAuthServerOptions> options, TimeProvider clock)
{
    public const string TokenType = "at+jwt";
    private static readonly JsonWebTokenHandler Handler = new();

    public IssuedAccessToken Create(string clientId, IReadOnlyList<string> audiences, IReadOnlyCollection<string> scopes, string? certificateThumbprint = null)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var jti = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = clientId,
            ["client_id"] = clientId,
            [JwtRegisteredClaimNames.Jti] = jti,
            [JwtRegisteredClaimNames.Aud] = audiences.Count == 1 ? audiences[0] : audiences.ToArray(),
        };
        if (scopes.Count > 0)
            claims["scope"] = string.Join(' ', scopes);
        if (certificateThumbprint is not null)
            claims["cnf"] = new Dictionary<string, object> { ["x5t#S256"] = certificateThumbprint };
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = TokenType,
            Claims = claims,
            SigningCredentials = keys.Current.Credentials,
        });
        return new IssuedAccessToken(token, jti, expires, (int)options.Value.AccessTokenLifetime.TotalSeconds);
    }
}

/// <summary>An access token just minted, with its identifier and expiry.</summary>
public sealed record IssuedAccessToken(string Token, string TokenId, DateTimeOffset ExpiresAt, int ExpiresIn);
