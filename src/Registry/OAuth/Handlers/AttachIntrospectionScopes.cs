using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The introspection answer states the token's <c>scope</c> (RFC 7662 section 2.2). OpenIddict adds it only for a
/// caller its application store lists as an audience; here every caller is a registry client that holds the
/// introspection right (<see cref="AuthenticateRegistryClient"/>), a resource server of the platform.
/// </summary>
public sealed class AttachIntrospectionScopes : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
        .UseSingletonHandler<AttachIntrospectionScopes>()
        .SetOrder(OpenIddictServerHandlers.Introspection.AttachMetadataClaims.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is { } principal && principal.HasTokenType(OpenIddictConstants.TokenTypeIdentifiers.AccessToken))
            context.Scopes.UnionWith(principal.GetScopes());
        return default;
    }
}
