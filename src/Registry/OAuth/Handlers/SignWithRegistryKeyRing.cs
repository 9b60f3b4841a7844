using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// Access tokens are signed by the key the registry's key ring names for now (<see cref="SigningKeyRing.Current"/>:
/// a successor signs only once its publication lead has passed), not by whichever key OpenIddict sorts first among
/// its signing credentials (every published key is one of them, for the JWKS). The <c>iss</c> is the issuer
/// identifier exactly as configured (RFC 8414 section 2), where OpenIddict would write the URI with a trailing slash.
/// </summary>
public sealed class SignWithRegistryKeyRing(SigningKeyRing ring, IssuerIdentity issuer) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<SignWithRegistryKeyRing>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachTokenMetadata.Descriptor.Order + 500) // before GenerateIdentityModelToken
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType != OpenIddictConstants.TokenTypeIdentifiers.AccessToken)
            return default;
        var current = ring.Current;
        context.SigningCredentials = current.Credentials;
        context.SecurityTokenDescriptor.SigningCredentials = current.Credentials;
        context.SecurityTokenDescriptor.Issuer = issuer.Issuer;
        return default;
    }
}
