using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// Client authentication in OpenIddict's authentication processing of the token, introspection and revocation
/// endpoints, against the registry's clients (<see cref="ClientAuthenticator"/>). OpenIddict runs in degraded mode
/// (no application store of its own), so its checks of secrets, assertions and certificates against an application
/// are off; this handler takes their place, before OpenIddict's <c>ValidateClientId</c>. OpenIddict's validation of a
/// <c>client_assertion</c> is switched off too: it needs the client's keys from that store, and the registry keeps
/// the replay record of each assertion's <c>jti</c> shared by every node (<see cref="PrivateKeyJwtVerifier"/>).
/// An authenticated client without the introspection right is refused here, before the token is even read
/// (RFC 7662 section 4: no token scanning).
/// </summary>
public sealed class AuthenticateRegistryClient(ClientAuthenticator authenticator) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
        .UseSingletonHandler<AuthenticateRegistryClient>()
        .SetOrder(OpenIddictServerHandlers.ValidateRequiredTokens.Descriptor.Order + 500) // before ValidateClientAssertion
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation))
            return;
        (context.ValidateClientAssertion, context.RejectClientAssertion) = (false, false);

        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        var (client, error) = await authenticator.AuthenticateAsync(context.Request, http, http.RequestAborted);
        if (client is null)
        {
            context.Reject(error!.Error, error.Description);
            return;
        }
        context.Transaction.SetClient(client);
        // The client id OpenIddict goes on with is the authenticated one (private_key_jwt may omit it from the body).
        context.Request.ClientId = client.ClientId;
        if (context.EndpointType == OpenIddictServerEndpointType.Introspection && !client.MayIntrospect)
        {
            context.Transaction.SetForbidden();
            context.Reject("unauthorized_client", "This client is not authorized to introspect tokens.");
        }
    }
}
