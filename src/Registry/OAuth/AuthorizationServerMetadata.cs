using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// <c>GET /.well-known/oauth-authorization-server</c>: the server's metadata (RFC 8414 section 2), from which clients
/// such as openid-client discover the token endpoint, the JWKS and the supported methods.
/// </summary>
public sealed class AuthorizationServerMetadata(IssuerIdentity issuer)
{
    private static readonly IReadOnlyList<string> AuthMethods = ClientAuthenticator.Methods;

    public Task WriteAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=300";
        return http.Response.WriteAsJsonAsync(new Document(
            issuer.Issuer,
            issuer.TokenEndpoint,
            issuer.JwksUri,
            GrantTypes: ["client_credentials"],
            ResponseTypes: [],
            TokenEndpointAuthMethods: AuthMethods,
            SigningAlgorithms: OAuthServerOptions.SigningAlgorithms,
            issuer.IntrospectionEndpoint,
            AuthMethods,
            issuer.RevocationEndpoint,
            AuthMethods,
            AssertionAlgorithms: ["ES256", "ES384", "RS256", "PS256"],
            CertificateBoundAccessTokens: true));
    }

    private sealed record Document(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
        [property: JsonPropertyName("jwks_uri")] string JwksUri,
        [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypes,
        [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypes,
        [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethods,
        [property: JsonPropertyName("access_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms,
        [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
        [property: JsonPropertyName("introspection_endpoint_auth_methods_supported")] IReadOnlyList<string> IntrospectionAuthMethods,
        [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
        [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] IReadOnlyList<string> RevocationAuthMethods,
        [property: JsonPropertyName("token_endpoint_auth_signing_alg_values_supported")] IReadOnlyList<string> AssertionAlgorithms,
        [property: JsonPropertyName("tls_client_certificate_bound_access_tokens")] bool CertificateBoundAccessTokens);
}
