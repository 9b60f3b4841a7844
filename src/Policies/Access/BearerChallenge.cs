using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SpbeConnector.Policies.Access;

/// <summary>
/// Refusals of the token policies as RFC 6750 section 3 requires (a <c>WWW-Authenticate: Bearer</c> challenge with
/// the error code) and, in the body, RFC 9457 problem details naming the cause but echoing nothing of the request.
/// </summary>
public static class BearerChallenge
{
    public const string Realm = "SPBE Connector";

    /// <summary>401 without an error code: the request carried no access token (RFC 6750 section 3.1).</summary>
    public static Task MissingAsync(HttpContext context, IProblemDetailsService problems) =>
        WriteAsync(context, problems, StatusCodes.Status401Unauthorized, $"Bearer realm=\"{Realm}\"",
            "Access token required", "Call this API with an access token: Authorization: Bearer <token>, obtained from /oauth2/token with client credentials.");

    /// <summary>401 <c>invalid_token</c>: expired, revoked, malformed, or not valid here.</summary>
    public static Task InvalidTokenAsync(HttpContext context, IProblemDetailsService problems, string description) =>
        WriteAsync(context, problems, StatusCodes.Status401Unauthorized,
            $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{description}\"", "Invalid access token", description);

    /// <summary>403 <c>insufficient_scope</c>, naming the scopes the API requires.</summary>
    public static Task InsufficientScopeAsync(HttpContext context, IProblemDetailsService problems, string requiredScopes) =>
        WriteAsync(context, problems, StatusCodes.Status403Forbidden,
            $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{requiredScopes}\"",
            "Insufficient scope", $"This API requires the scopes: {requiredScopes}. Request a token with them.");

    /// <summary>403 without a challenge: the token is valid, but its client may not call this API.</summary>
    public static Task ForbiddenAsync(HttpContext context, IProblemDetailsService problems, string title, string detail) =>
        WriteAsync(context, problems, StatusCodes.Status403Forbidden, null, title, detail);

    private static async Task WriteAsync(HttpContext context, IProblemDetailsService problems, int status, string? challenge, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (challenge is not null)
            context.Response.Headers.WWWAuthenticate = challenge;
        context.Response.Headers.CacheControl = "no-store";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
