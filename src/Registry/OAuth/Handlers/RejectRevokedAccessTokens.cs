using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// An access token is active only while it is not revoked and its client is enabled (RFC 7662 section 2.2). OpenIddict
/// keeps no token store here (degraded mode): revocations are the registry's list, which every gateway node also
/// enforces on the data plane, so introspection answers <c>{"active": false}</c> for exactly the tokens the gateway
/// refuses.
/// </summary>
public sealed class RejectRevokedAccessTokens(IDbContextFactory<RegistryDbContext> contexts) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<RejectRevokedAccessTokens>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not { } principal || !principal.HasTokenType(OpenIddictConstants.TokenTypeIdentifiers.AccessToken))
            return;
        var tokenId = principal.GetClaim(OpenIddictConstants.Claims.JwtId);
        var clientId = principal.GetClaim(OpenIddictConstants.Claims.ClientId);
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var active = tokenId is not null && clientId is not null
            && !await db.RevokedTokens.AnyAsync(r => r.TokenId == tokenId, context.CancellationToken)
            && await db.Clients.AnyAsync(c => c.ClientId == clientId && c.Status == ClientStatus.Enabled, context.CancellationToken);
        if (!active)
            context.Reject(OpenIddictConstants.Errors.InvalidToken, "The token is revoked, or its client is disabled.");
    }
}
