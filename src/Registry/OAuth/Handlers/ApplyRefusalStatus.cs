using System.Globalization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The HTTP status of two refusals that OpenIddict's error code alone would answer otherwise: a source over the
/// brute-force limit gets 429 with <c>Retry-After</c> (still <c>invalid_client</c>, so clients recognise it), and a
/// client without the introspection right 403 (RFC 7662 section 4). Runs after OpenIddict has set the status.
/// </summary>
public sealed class ApplyRefusalStatus<TContext> : IOpenIddictServerHandler<TContext> where TContext : OpenIddictServerEvents.BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
        .UseSingletonHandler<ApplyRefusalStatus<TContext>>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachWwwAuthenticateHeader<TContext>.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(TContext context)
    {
        var response = context.Transaction.GetHttpRequest()!.HttpContext.Response;
        if (context.Transaction.GetRetryAfter() is { } wait)
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (context.Transaction.IsForbidden())
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            response.Headers.WWWAuthenticate = default; // the client did authenticate; it lacks the right
        }
        return default;
    }
}
