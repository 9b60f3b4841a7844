using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Policies.Exchange;

public static class GatewayExchangeExtensions
{
    /// <summary>The exchange feature of this request, created on first use.</summary>
    public static GatewayExchangeFeature GetGatewayExchange(this HttpContext context)
    {
        var feature = context.Features.Get<GatewayExchangeFeature>();
        if (feature is null)
        {
            feature = new GatewayExchangeFeature();
            context.Features.Set(feature);
        }
        return feature;
    }
}
