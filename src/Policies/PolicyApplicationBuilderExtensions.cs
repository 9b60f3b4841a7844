using Microsoft.AspNetCore.Builder;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.Authentication;
using SpbeConnector.Policies.Authorization;
using SpbeConnector.Policies.RequestId;
using SpbeConnector.Policies.UpstreamRetry;
using SpbeConnector.Policies.UpstreamAuthentication;
using SpbeConnector.Policies.Audit.Exchange;
using SpbeConnector.Policies.RequestSignatures;
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
    /// <summary>Records every exchange in the audit log and puts a receipt on every response. First in the data plane.</summary>
    public static IApplicationBuilder UseGatewayAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditExchangeMiddleware>();

    /// <summary>Verifies RFC 9421 request signatures (proof of origin) and requires them where configured.</summary>
    public static IApplicationBuilder UseRequestSignatures(this IApplicationBuilder app) => app.UseMiddleware<RequestSignatureMiddleware>();

    /// <summary>Makes the request record durable before forwarding (strict mode). Last before forwarding.</summary>
    public static IApplicationBuilder UseAuditDurabilityGate(this IApplicationBuilder app) => app.UseMiddleware<AuditDurabilityGateMiddleware>();
}
