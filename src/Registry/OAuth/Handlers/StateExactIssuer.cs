using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The metadata's <c>issuer</c> and an introspection answer's <c>iss</c> are the issuer identifier exactly as the
/// tokens carry it (RFC 8414 section 3.3: a client such as openid-client compares it with the URL it discovered),
/// where OpenIddict would write it as a URI with a trailing slash.
/// </summary>
public sealed class StateExactIssuer<TContext>(IssuerIdentity issuer) : IOpenIddictServerHandler<TContext> where TContext : OpenIddictServerEvents.BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .UseSingletonHandler<StateExactIssuer<TContext>>()
        .SetOrder(int.MinValue + 200_000) // after OpenIddict's NormalizeErrorResponse, before the response is written
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(TContext context)
    {
        var response = context.Transaction.Response!;
        foreach (var name in (string[])[OpenIddictConstants.Metadata.Issuer, OpenIddictConstants.Claims.Issuer])
        {
            if (response.HasParameter(name))
                response.SetParameter(name, issuer.Issuer);
        }
        return default;
    }
}
