using Microsoft.AspNetCore.Builder;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.Authentication;
using SpbeConnector.Policies.Authorization;
using SpbeConnector.Policies.RequestId;
using SpbeConnector.Policies.UpstreamRetry;
using SpbeConnector.Policies.UpstreamAuthentication;
using SpbeConnector.Policies.UpstreamErrors;

namespace SpbeConnector.Policies;

/// <summary>The <c>UseX</c> registration of each data-plane policy, so the pipeline reads as a list.</summary>
public static class PolicyApplicationBuilderExtensions
{
    public static IApplicationBuilder UseGatewayRequestId(this IApplicationBuilder app) => app.UseMiddleware<RequestIdMiddleware>();

    public static IApplicationBuilder UseExchangeMetrics(this IApplicationBuilder app) => app.UseMiddleware<ExchangeMetricsMiddleware>();

    public static IApplicationBuilder UseIdempotentRetry(this IApplicationBuilder app) => app.UseMiddleware<IdempotentRetryMiddleware>();

    public static IApplicationBuilder UseUpstreamErrorProblems(this IApplicationBuilder app) => app.UseMiddleware<UpstreamErrorProblemMiddleware>();

    public static IApplicationBuilder UseAccessTokenAuthentication(this IApplicationBuilder app) => app.UseMiddleware<AccessTokenAuthenticationMiddleware>();

    public static IApplicationBuilder UseSubscriptionAuthorization(this IApplicationBuilder app) => app.UseMiddleware<SubscriptionAuthorizationMiddleware>();

    public static IApplicationBuilder UseUpstreamAuthentication(this IApplicationBuilder app) => app.UseMiddleware<UpstreamTokenMiddleware>();
}
