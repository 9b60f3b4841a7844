using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.OAuth;

namespace SpbeConnector.TestSupport;

/// <summary>
/// Access tokens forged for refusal tests: signed with the gateway's own current key but with claims changed, or
/// signed in ways an attacker would try (no signature, HMAC keyed with the public key, a key of their own).
/// </summary>
public static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A token like the server's own, with the given changes to its descriptor, signed with the server's current key.</summary>
    public static string Sign(TestGateway gateway, string clientId, string audience, Action<SecurityTokenDescriptor>? change = null, SigningCredentials? credentials = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = gateway.BaseUrl,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = clientId, ["client_id"] = clientId, ["jti"] = Guid.NewGuid().ToString("N"), ["aud"] = audience,
            },
            SigningCredentials = credentials ?? gateway.Services.GetRequiredService<SigningKeyRing>().Current.Credentials,
        };
        change?.Invoke(descriptor);
        return Handler.CreateToken(descriptor);
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string Unsigned(string token)
    {
        var jwt = new JsonWebToken(token);
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"at+jwt","kid":"{{jwt.Kid}}"}""");
        return $"{header}.{jwt.EncodedPayload}.";
    }

    /// <summary>
    /// The key-confusion attack: <c>alg: HS256</c> with the server's key id, keyed with the server's public key as
    /// published, hoping the validator uses it as an HMAC secret.
    /// </summary>
    public static string HmacConfused(string token, string publicJwkJson)
    {
        var jwt = new JsonWebToken(token);
        var header = Base64UrlEncoder.Encode($$"""{"alg":"HS256","typ":"at+jwt","kid":"{{jwt.Kid}}"}""");
        var input = $"{header}.{jwt.EncodedPayload}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(publicJwkJson), Encoding.ASCII.GetBytes(input));
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>The payload changed after signing (a scope added), the signature kept.</summary>
    public static string Tampered(string token)
    {
        var jwt = new JsonWebToken(token);
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var changed = payload.Replace("\"client_id\":", "\"scope\":\"admin\",\"client_id\":");
        return $"{jwt.EncodedHeader}.{Base64UrlEncoder.Encode(changed)}.{jwt.EncodedSignature}";
    }

    /// <summary>Signing credentials of a fresh ES256 key the gateway has never published.</summary>
    public static SigningCredentials ForeignKey(string keyId = "kunci-asing") =>
        new(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256);
}
