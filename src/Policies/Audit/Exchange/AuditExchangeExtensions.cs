using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace SpbeConnector.Policies.Audit.Exchange;

/// <summary>The audit step of the data plane; the log it writes to is added by the Audit project's <c>AddGatewayAudit</c>.</summary>
public static class AuditExchangeExtensions
{
    /// <summary>Adds the builders of the exchange's records.</summary>
    public static IServiceCollection AddExchangeAudit(this IServiceCollection services)
    {
        services.AddSingleton<ExchangeRecords>();
        return services.MarkAdded<AuditExchangeMiddleware>();
    }

    /// <summary>
    /// Records every exchange in the audit log and puts a receipt on every response; placed after cheap shedding and
    /// attack detection, before authentication (DataPlanePipeline), so refusals from there on are recorded too.
    /// </summary>
    public static IApplicationBuilder UseGatewayAudit(this IApplicationBuilder app) =>
        app.RequireAdded<AuditExchangeMiddleware>(nameof(AddExchangeAudit), nameof(UseGatewayAudit)).UseMiddleware<AuditExchangeMiddleware>();

    /// <summary>Makes the request record durable before forwarding (strict mode). Last before forwarding.</summary>
    public static IApplicationBuilder UseAuditDurabilityGate(this IApplicationBuilder app) =>
        app.RequireAdded<AuditExchangeMiddleware>(nameof(AddExchangeAudit), nameof(UseAuditDurabilityGate)).UseMiddleware<AuditDurabilityGateMiddleware>();
}
