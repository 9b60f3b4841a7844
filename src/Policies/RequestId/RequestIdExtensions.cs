using Microsoft.AspNetCore.Builder;

namespace SpbeConnector.Policies.RequestId;

public static class RequestIdExtensions
{
    /// <summary>Gives every request an identifier (echoed in its response and in the logs); it needs no services.</summary>
    public static IApplicationBuilder UseGatewayRequestId(this IApplicationBuilder app) => app.UseMiddleware<RequestIdMiddleware>();
}
