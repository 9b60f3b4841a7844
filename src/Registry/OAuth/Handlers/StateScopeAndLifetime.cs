using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The token response always states the scope granted (RFC 6749 section 5.1 allows omitting it when it equals the
/// request, as OpenIddict does: clients such as openid-client then read none, and a client that asked for nothing
/// learns what it got), and <c>expires_in</c> is the token's lifetime (<c>exp</c> minus <c>iat</c>), where OpenIddict
/// counts from a moment after issuance and so answers a second short.
/// </summary>
public sealed class StateScopeAndLifetime : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireAccessTokenGenerated>()
        .UseSingletonHandler<StateScopeAndLifetime>()
        .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (!context.IncludeAccessToken || context.AccessTokenPrincipal is not { } principal)
            return default;
        if (principal.GetScopes() is { Length: > 0 } scopes)
            context.Response.Scope = string.Join(' ', scopes);
        if (principal.GetExpirationDate() is { } expires && principal.GetCreationDate() is { } issued)
            context.Response.ExpiresIn = (long)(expires - issued).TotalSeconds;
        return default;
    }
}
