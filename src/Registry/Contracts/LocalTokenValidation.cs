using System.Diagnostics.CodeAnalysis;
using Microsoft.IdentityModel.Tokens;

namespace SpbeConnector.Registry.Contracts;

/// <summary>
/// The validation parameters of the local issuer's access tokens, the same for the gateway's enforcement and for
/// the authorization server's own introspection and revocation: issuer, asymmetric algorithms only (never
/// <c>none</c>, never HMAC), a published key named by <c>kid</c>, <c>typ at+jwt</c>, lifetime with clock skew.
/// The audience is left to the caller: it depends on the API.
/// </summary>
public static class LocalTokenValidation
{
    public static readonly IReadOnlyList<string> Algorithms = ["ES256", "ES384", "RS256", "PS256"];
    public static readonly IReadOnlyList<string> Types = ["at+jwt", "application/at+jwt"];

    [SuppressMessage("Security", "CA5404:Do not disable token validation checks", Justification = "The audience depends on the API called: each caller checks it against the API's identifier once the route is known (AccessTokenValidator).")]
    public static TokenValidationParameters Parameters(string issuer, IReadOnlyList<SecurityKey> keys, TimeSpan clockSkew) => new()
    {
        ValidIssuer = issuer,
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = clockSkew,
        RequireSignedTokens = true,
        ValidAlgorithms = Algorithms,
        ValidTypes = Types,
        IssuerSigningKeys = keys,
        TryAllIssuerSigningKeys = false, // the kid must name a published key
        SaveSigninToken = false,
    };
}
