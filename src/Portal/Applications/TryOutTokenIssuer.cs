using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.OAuth;

namespace SpbeConnector.Portal.Applications;

/// <summary>
/// The catalog's try-out (issue 19, as the WSO2 and Kong portals offer it): a signed-in developer gets a short-lived
/// access token for one of their OPD's applications, through the portal session, without a client secret being shown
/// or typed. The portal asks the product's own authorization server on the developer's behalf: the grant is decided by
/// the same <see cref="ClientCredentialsGrant"/> rule as <c>POST /oauth2/token</c> (an approved subscription to a
/// published API, Pasal 60 ayat (3) huruf f), narrowed to this one API as an RFC 8707 <c>resource</c> would, and the
/// token is signed by the key the server signs with now, so the gateway checks it like any other. It names the
/// application (<c>client_id</c>, <c>sub</c>), this API alone (<c>aud</c>) and only the scopes the subscription
/// grants; it lives at most <see cref="Lifetime"/>. Another OPD's application is not found (Pasal 59 ayat (15) huruf c).
/// </summary>
public sealed class TryOutTokenIssuer(ApplicationWorkflow workflow, ClientCredentialsGrant grant, SigningKeyRing keys, IOptions<OAuthServerOptions> options, TimeProvider clock)
{
    /// <summary>The longest a try-out token lives: long enough to try a few calls, short enough to be of little use if copied.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// The token, or a portal text key saying why not: <c>application.notFound</c> (not an application of the developer's
    /// OPD, or disabled) or <c>tryOut.noApprovedSubscription</c> (no approved subscription of it to this API).
    /// </summary>
    public async Task<(TryOutToken? Token, string? Refusal)> IssueAsync(PortalPrincipal developer, string clientId, Api api, CancellationToken ct)
    {
        var client = await workflow.FindClientAsync(developer, clientId, ct);
        if (client is null || client.Status != ClientStatus.Enabled)
            return (null, "application.notFound");
        var audience = ApiIdentifier.For(keys.Issuer, api.Opd?.Code ?? "", api.Slug, api.Version);
        var authenticated = new AuthenticatedClient(client.Id, client.ClientId, client.Opd?.Code, MayIntrospect: false, Method: "portal_session");
        var (decided, _) = await grant.DecideAsync(authenticated, scope: null, resources: [audience], ct);
        if (decided is null || decided.Audiences.Count != 1 || decided.Audiences[0] != audience)
            return (null, "tryOut.noApprovedSubscription");
        var now = clock.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime < Lifetime ? options.Value.AccessTokenLifetime : Lifetime;
        var expires = now + lifetime;
        var signing = keys.Current;
        var tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt", // RFC 9068 section 2.1, as the token endpoint's tokens
            Issuer = keys.Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = signing.Credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = client.ClientId,
                ["client_id"] = client.ClientId,
                [JwtRegisteredClaimNames.Jti] = tokenId,
                ["scope"] = string.Join(' ', decided.Scopes),
            },
        });
        return (new TryOutToken(tokenId, token, expires, decided.Scopes), null);
    }
}
