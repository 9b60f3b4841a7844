using Microsoft.AspNetCore.Builder;

namespace SpbeConnector.Policies.UpstreamRetry;

public static class UpstreamRetryExtensions
{
    /// <summary>Another instance for idempotent requests that could not be delivered; its options are the host's upstream settings.</summary>
    public static IApplicationBuilder UseIdempotentRetry(this IApplicationBuilder app) => app.UseMiddleware<IdempotentRetryMiddleware>();
}
