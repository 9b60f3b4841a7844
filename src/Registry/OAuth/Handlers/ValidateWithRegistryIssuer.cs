using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// Tokens presented to introspection and revocation are validated against the issuer identifier exactly as the
/// tokens carry it (<see cref="SignWithRegistryKeyRing"/>) and against every key the ring publishes, the same set the
/// gateway's data plane trusts (<see cref="SigningKeyRing.PublishedKeys"/>).
/// </summary>
public sealed class ValidateWithRegistryIssuer(SigningKeyRing ring, IssuerIdentity issuer) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<ValidateWithRegistryIssuer>()
        .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.ValidTokenTypes.Contains(OpenIddictConstants.TokenTypeIdentifiers.Private.ClientAssertion))
            return default; // client assertions are the registry's to check (AuthenticateRegistryClient)
        context.TokenValidationParameters.ValidIssuer = issuer.Issuer;
        context.TokenValidationParameters.ValidIssuers = [issuer.Issuer];
        context.TokenValidationParameters.IssuerSigningKeys = ring.PublishedKeys.Keys;
        return default;
    }
}
