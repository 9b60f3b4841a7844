using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// <c>GET /oauth2/jwks</c>: the public keys that verify this server's tokens (RFC 7517): the signing key, a successor
/// about to sign, and retired keys whose tokens have not all expired. Never a private parameter.
/// </summary>
internal static class JwksDocument
{
    public static Task WriteAsync(HttpContext http, SigningKeyRing keys)
    {
        // Short caching: validators also refresh on an unknown kid, and a successor is published well before it signs.
        http.Response.Headers.CacheControl = "public, max-age=60";
        return http.Response.WriteAsJsonAsync(new { keys = keys.Keys.Select(k => k.Jwk).ToArray() }, (System.Text.Json.JsonSerializerOptions?)null, "application/jwk-set+json");
    }
}
