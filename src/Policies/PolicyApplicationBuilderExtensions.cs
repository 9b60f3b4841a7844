using Microsoft.AspNetCore.Builder;
using SpbeConnector.Policies.Audit.Exchange;
using SpbeConnector.Policies.RequestId;
using SpbeConnector.Policies.RequestSignatures;
using SpbeConnector.Policies.UpstreamErrors;

namespace SpbeConnector.Policies;

/// <summary>The <c>UseX</c> registration of each data-plane policy, so the pipeline reads as a list.</summary>
public static class PolicyApplicationBuilderExtensions
{
    public static IApplicationBuilder UseGatewayRequestId(this IApplicationBuilder app) => app.UseMiddleware<RequestIdMiddleware>();

    public static IApplicationBuilder UseUpstreamErrorProblems(this IApplicationBuilder app) => app.UseMiddleware<UpstreamErrorProblemMiddleware>();

    /// <summary>Records every exchange in the audit log and puts a receipt on every response. First in the data plane.</summary>
    public static IApplicationBuilder UseGatewayAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditExchangeMiddleware>();

    /// <summary>Verifies RFC 9421 request signatures (proof of origin) and requires them where configured.</summary>
    public static IApplicationBuilder UseRequestSignatures(this IApplicationBuilder app) => app.UseMiddleware<RequestSignatureMiddleware>();

    /// <summary>Makes the request record durable before forwarding (strict mode). Last before forwarding.</summary>
    public static IApplicationBuilder UseAuditDurabilityGate(this IApplicationBuilder app) => app.UseMiddleware<AuditDurabilityGateMiddleware>();
}
