using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The token response always states the scope granted (RFC 6749 section 5.1 allows omitting it when it equals the
/// request, as OpenIddict does): clients such as openid-client read it from the response, and a client that asked for
/// nothing learns what it got.
/// </summary>
public sealed class AnnounceGrantedScope : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .AddFilter<OpenIddictServerHandlerFilters.RequireAccessTokenGenerated>()
        .UseSingletonHandler<AnnounceGrantedScope>()
        .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.IncludeAccessToken && context.AccessTokenPrincipal?.GetScopes() is { Length: > 0 } scopes)
            context.Response.Scope = string.Join(' ', scopes);
        return default;
    }
}
