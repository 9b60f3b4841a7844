using OpenIddict.Abstractions;
using OpenIddict.Server;
using SpbeConnector.Registry.Catalog;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// <c>POST /oauth2/revoke</c> (RFC 7009): the token's id goes on the registry's revocation list, which every gateway
/// node enforces within seconds. OpenIddict's own revocation needs its token store (off in degraded mode).
/// </summary>
public sealed class RevokeInRegistry(RevokedTokenCatalog catalog) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseSingletonHandler<RevokeInRegistry>()
        .SetOrder(OpenIddictServerHandlers.Revocation.AttachPrincipal.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal
            || principal.GetClaim(OpenIddictConstants.Claims.JwtId) is not { Length: > 0 } tokenId
            || principal.GetExpirationDate() is not { } expires)
            return; // section 2.2: nothing to revoke is answered like a revocation
        await catalog.RevokeTokenAsync(tokenId, context.Transaction.GetClient()!.ClientId, expires, context.CancellationToken);
    }
}
