using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// A protocol request names each parameter once (RFC 6749 section 3.1), except RFC 8707's <c>resource</c>, which may
/// repeat; OpenIddict would read a repeated parameter as a list and go on. Credentials in the URL are refused too:
/// they end up in logs and browser histories. Runs right after OpenIddict has read the form.
/// </summary>
public sealed class RefuseRepeatedParameters<TContext> : IOpenIddictServerHandler<TContext> where TContext : OpenIddictServerEvents.BaseValidatingContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
        .UseSingletonHandler<RefuseRepeatedParameters<TContext>>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<TContext>.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(TContext context)
    {
        var request = context.Transaction.GetHttpRequest()!;
        if (request.Query.ContainsKey("client_secret") || request.Query.ContainsKey("client_assertion"))
        {
            context.Reject("invalid_request", "Credentials must not be sent in the URL.");
            return default;
        }
        if (!request.HasFormContentType)
            return default; // OpenIddict has refused the request already
        foreach (var (name, values) in request.Form)
        {
            if (values.Count > 1 && name != "resource")
            {
                context.Reject("invalid_request", "A parameter is repeated; each may appear once.");
                return default;
            }
        }
        return default;
    }
}
