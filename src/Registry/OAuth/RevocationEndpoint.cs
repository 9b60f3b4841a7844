using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// <c>POST /oauth2/revoke</c> (RFC 7009): a client revokes one of its own access tokens; every gateway node refuses
/// it within seconds. An invalid, expired or unknown token is answered 200 like a revoked one (section 2.2); a
/// token issued to another client is refused (section 2.1).
/// </summary>
public sealed class RevocationEndpoint(ClientAuthenticator authenticator, LocalTokenReader reader, RegistryCatalog catalog, IssuerIdentity issuer)
{
    public async Task HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        if (await authenticator.ReadAuthenticatedRequestAsync(http, issuer.Issuer) is not ({ } form, { } client))
            return;
        var raw = ClientAuthenticator.Single(form, "token");
        if (raw is null)
        {
            await OAuthResponses.WriteErrorAsync(http, OAuthError.InvalidRequest("The token parameter is required."), issuer.Issuer);
            return;
        }
        // token_type_hint is only a hint (section 2.1): this server issues access tokens only.
        if (await reader.ReadAsync(raw, ct) is { } token)
        {
            var owner = token.TryGetPayloadValue<string>("client_id", out var c) ? c : null;
            if (owner != client.ClientId)
            {
                await OAuthResponses.WriteErrorAsync(http, OAuthError.UnauthorizedClient("The token was not issued to this client."), issuer.Issuer);
                return;
            }
            if (!string.IsNullOrEmpty(token.Id))
                await catalog.RevokeTokenAsync(token.Id, client.ClientId, new DateTimeOffset(token.ValidTo, TimeSpan.Zero), ct);
        }
        http.Response.Headers.CacheControl = "no-store";
        http.Response.StatusCode = StatusCodes.Status200OK;
    }
}
