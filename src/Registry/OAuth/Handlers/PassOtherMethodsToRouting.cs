using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// The token, introspection and revocation endpoints take POST only (RFC 6749 section 3.2, RFC 7662, RFC 7009).
/// OpenIddict would answer another method with a 400 <c>invalid_request</c>; the request is left to the gateway's
/// routing instead, which answers 405 with <c>Allow: POST</c> (RFC 9110 section 15.5.6) as a problem document, so a
/// client that used the wrong method is told so (<see cref="OAuthEndpoints.MapOAuthServer"/>).
/// </summary>
public sealed class PassOtherMethodsToRouting : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<PassOtherMethodsToRouting>()
        .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection or OpenIddictServerEndpointType.Revocation
            && context.Transaction.GetHttpRequest() is { } request && !HttpMethods.IsPost(request.Method))
            context.SkipRequest();
        return default;
    }
}
