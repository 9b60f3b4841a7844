using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The client credentials grant (RFC 6749 section 4.4) of an authenticated registry client: what the token may carry
/// is decided by <see cref="ClientCredentialsGrant"/> (approved subscriptions, narrowed by <c>scope</c> and RFC 8707
/// <c>resource</c>); OpenIddict then mints the RFC 9068 access token from the principal signed in here: <c>sub</c>
/// and <c>client_id</c> the client, <c>aud</c> the APIs (the principal's resources), <c>scope</c>, and <c>cnf</c>
/// when the request came over mutual TLS (RFC 8705 section 3).
/// </summary>
public sealed class IssueClientCredentialsToken(ClientCredentialsGrant grant) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
        .UseSingletonHandler<IssueClientCredentialsToken>()
        .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
            return; // OpenIddict allows no other grant; nothing else reaches here
        var client = context.Transaction.GetClient() ?? throw new InvalidOperationException("The token request reached the grant without an authenticated client.");
        var (decided, error) = await grant.DecideAsync(client, context.Request.Scope, context.Request.GetResources(), context.CancellationToken);
        if (decided is null)
        {
            context.Reject(error!.Error, error.Description);
            return;
        }

        var identity = new ClaimsIdentity(authenticationType: "SpbeConnector.ClientCredentials", OpenIddictConstants.Claims.Subject, OpenIddictConstants.Claims.Role);
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.Subject, client.ClientId).SetDestinations(OpenIddictConstants.Destinations.AccessToken));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(decided.Scopes);
        principal.SetResources(decided.Audiences);
        context.SignIn(principal);
    }
}
