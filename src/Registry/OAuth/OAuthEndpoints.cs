using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// The authorization server's protocol endpoints, on the gateway's own TLS listener (Pasal 60 ayat (5) huruf b:
/// OAuth between the parties; Pasal 59 ayat (4) huruf g: authentication over a secured channel).
/// </summary>
public static class OAuthEndpoints
{
    public const string TokenPath = "/oauth2/token";
    public const string JwksPath = "/oauth2/jwks";
    public const string IntrospectionPath = "/oauth2/introspect";
    public const string RevocationPath = "/oauth2/revoke";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    public static IEndpointRouteBuilder MapOAuthServer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenPath, (HttpContext http, TokenEndpoint token) => token.HandleAsync(http)).ExcludeFromDescription();
        endpoints.MapPost(IntrospectionPath, (HttpContext http, IntrospectionEndpoint introspection) => introspection.HandleAsync(http)).ExcludeFromDescription();
        endpoints.MapPost(RevocationPath, (HttpContext http, RevocationEndpoint revocation) => revocation.HandleAsync(http)).ExcludeFromDescription();
        foreach (var path in (string[])[TokenPath, IntrospectionPath, RevocationPath])
            endpoints.MapMethods(path, OtherMethods, PostOnly).ExcludeFromDescription();
        endpoints.MapGet(MetadataPath, (HttpContext http, AuthorizationServerMetadata metadata) => metadata.WriteAsync(http)).ExcludeFromDescription();
        endpoints.MapGet(JwksPath, (HttpContext http, SigningKeyRing keys) => JwksDocument.WriteAsync(http, keys)).ExcludeFromDescription();
        return endpoints;
    }

    private static readonly string[] OtherMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch];

    /// <summary>
    /// The protocol endpoints take POST only (RFC 6749 section 3.2, RFC 7662, RFC 7009): any other method is told so,
    /// 405 with <c>Allow: POST</c> (RFC 9110 section 15.5.6), rather than a 404 that says the endpoint is not there.
    /// </summary>
    private static IResult PostOnly(HttpContext http)
    {
        http.Response.Headers.Allow = HttpMethods.Post;
        return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed",
            detail: "This OAuth 2.0 endpoint accepts POST only, with an application/x-www-form-urlencoded body.");
    }
}
