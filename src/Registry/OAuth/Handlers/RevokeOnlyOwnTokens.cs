using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// A client revokes only tokens issued to it (RFC 7009 section 2.1): another client's token is refused with
/// <c>unauthorized_client</c>. Takes the place of OpenIddict's audience-and-presenter check, which in degraded mode
/// would answer such a request like one for an invalid token.
/// </summary>
public sealed class RevokeOnlyOwnTokens : IOpenIddictServerHandler<ValidateRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateRevocationRequestContext>()
        .UseSingletonHandler<RevokeOnlyOwnTokens>()
        .SetOrder(OpenIddictServerHandlers.Revocation.ValidateAuthorizedParty.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateRevocationRequestContext context)
    {
        var owner = context.GenericTokenPrincipal?.GetClaim(OpenIddictConstants.Claims.ClientId);
        if (context.GenericTokenPrincipal is not null && owner != context.Transaction.GetClient()?.ClientId)
            context.Reject(OpenIddictConstants.Errors.UnauthorizedClient, "The token was not issued to this client.");
        return default;
    }
}
