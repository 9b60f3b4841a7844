using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// The authorization server's protocol endpoints, on the gateway's own TLS listener (Pasal 60 ayat (5) huruf b:
/// OAuth between the parties; Pasal 59 ayat (4) huruf g: authentication over a secured channel). OpenIddict answers
/// them from the authentication middleware (<see cref="UseOAuthServer"/>); routing sees only what it passes on.
/// </summary>
public static class OAuthEndpoints
{
    public const string TokenPath = "/oauth2/token";
    public const string JwksPath = "/oauth2/jwks";
    public const string IntrospectionPath = "/oauth2/introspect";
    public const string RevocationPath = "/oauth2/revoke";
    public const string MetadataPath = "/.well-known/oauth-authorization-server";

    private static readonly PathString[] ServerPaths = [TokenPath, IntrospectionPath, RevocationPath, MetadataPath, JwksPath];

    /// <summary>
    /// Runs OpenIddict's server for its paths only. The authentication middleware is the server's entry point; no
    /// other scheme of the gateway handles requests or is a default (each is named by its authorization policy), so
    /// the data plane's requests skip the middleware and pay nothing for OpenIddict's request processing.
    /// </summary>
    public static IApplicationBuilder UseOAuthServer(this IApplicationBuilder app)
    {
        app.UseWhen(http => IsServerPath(http.Request.Path), server => server.UseAuthentication());
        // The mark UseAuthentication leaves on the application: without it, WebApplication would add the middleware
        // again for every request (it does so when authentication is registered and the mark is missing).
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }

    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    private static bool IsServerPath(PathString path)
    {
        foreach (var serverPath in ServerPaths)
        {
            // OpenIddict matches a path also with a trailing slash and in any case.
            if (path.StartsWithSegments(serverPath, StringComparison.OrdinalIgnoreCase, out var rest) && (!rest.HasValue || rest.Value == "/"))
                return true;
        }
        return false;
    }

    /// <summary>The answer to a method other than POST at the protocol endpoints, which OpenIddict leaves to routing.</summary>
    public static IEndpointRouteBuilder MapOAuthServer(this IEndpointRouteBuilder endpoints)
    {
        foreach (var path in (string[])[TokenPath, IntrospectionPath, RevocationPath])
            endpoints.MapMethods(path, OtherMethods, PostOnly).ExcludeFromDescription();
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
