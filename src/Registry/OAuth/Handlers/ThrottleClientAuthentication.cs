using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The first check of a token, introspection or revocation request once read, before any cryptography or store
/// access: a source over the brute-force limits (<see cref="ClientAuthenticationThrottle"/>; Pasal 59 ayat (4) huruf
/// d) is refused, 429 with <c>Retry-After</c>; a request that carries no client credentials at all is
/// <c>invalid_client</c> (401, RFC 6749 section 5.2), where OpenIddict would say <c>invalid_request</c>, and counts
/// as a failure.
/// </summary>
public sealed class ThrottleClientAuthentication<TContext>(ClientAuthenticationThrottle throttle) : IOpenIddictServerHandler<TContext>
    where TContext : OpenIddictServerEvents.BaseValidatingContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
        .UseSingletonHandler<ThrottleClientAuthentication<TContext>>()
        .SetOrder(int.MinValue + 50_000) // before OpenIddict's own validation of the request
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(TContext context)
    {
        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        var request = context.Transaction.Request!;
        var claimed = ClientAuthenticator.ClaimedClientId(request);
        var address = http.Connection.RemoteIpAddress;
        if (throttle.Blocked(claimed, address) is { } wait)
        {
            context.Transaction.SetRetryAfter(wait);
            context.Reject("invalid_client", "Too many failed client authentications; retry after the time given in Retry-After.");
            return default;
        }
        if (string.IsNullOrEmpty(request.ClientSecret) && string.IsNullOrEmpty(request.ClientAssertion)
            && (context.Transaction.RemoteCertificate is null || string.IsNullOrEmpty(request.ClientId)))
        {
            throttle.RecordFailure(claimed, address);
            context.Reject("invalid_client", "Client authentication is required: client_secret_basic, client_secret_post, private_key_jwt, tls_client_auth or self_signed_tls_client_auth.");
        }
        return default;
    }
}
