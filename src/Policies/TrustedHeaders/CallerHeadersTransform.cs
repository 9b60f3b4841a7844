using SpbeConnector.Policies.Exchange;
using Yarp.ReverseProxy.Transforms;

namespace SpbeConnector.Policies.TrustedHeaders;

/// <summary>
/// Tells the upstream who calls, in headers only the gateway sets: any such header arriving from outside is removed
/// first (in every spelling an upstream may read as the same name, with the other headers an upstream must not
/// take from a client: <see cref="UntrustedRequestHeaders"/>), so an upstream can trust them (Pasal 60 ayat (3) huruf d: the identity of the connected service). The
/// caller's access token is removed too unless the API is configured to receive it, so that an upstream cannot
/// replay it elsewhere.
/// </summary>
public sealed class CallerHeadersTransform(bool forwardAccessToken) : RequestTransform
{
    public const string ClientIdHeader = "X-Spbe-Client-Id";
    public const string OpdHeader = "X-Spbe-Opd";
    public const string TokenIdHeader = "X-Spbe-Token-Id";

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        // Every copy or lookalike of a header the gateway sets or vouches for, and headers that would make the upstream
        // trust something the gateway did not check (UntrustedRequestHeaders).
        UntrustedRequestHeaders.RemoveFrom(context.ProxyRequest);
        if (!forwardAccessToken)
            RemoveHeader(context, "Authorization");
        if (context.HttpContext.Features.Get<GatewayExchangeFeature>()?.Caller is { } caller)
        {
            AddHeader(context, ClientIdHeader, caller.ClientId);
            if (caller.OpdCode is { } opd)
                AddHeader(context, OpdHeader, opd);
            if (caller.TokenId is { } jti)
                AddHeader(context, TokenIdHeader, jti);
        }
        return ValueTask.CompletedTask;
    }
}
