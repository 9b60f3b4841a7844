using Microsoft.AspNetCore.Diagnostics;
using SpbeConnector.Policies;

namespace SpbeConnector.Gateway.Pipeline;

/// <summary>
/// The path of one proxied request, in order (DESIGN "The path of one request"). Each step is one policy; the
/// order of this list is the order of enforcement.
/// </summary>
public static class DataPlanePipeline
{
    public static void Configure(IReverseProxyApplicationBuilder proxy)
    {
        // Responses of OPD services pass through as they are; only the gateway's own errors become problem details.
        proxy.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });

        // Cheap shedding (per-IP limits and blocks) belongs above this line: flood traffic is counted, not audited, so
        // that it can neither make the log grow at line rate nor make the gateway sign receipts for it.

        // Audit and receipts: first, so that every exchange from here on is recorded, including those a later policy
        // refuses, and so that every response (upstream's or a policy's problem details) carries a receipt.
        proxy.UseGatewayAudit();
        proxy.UseUpstreamErrorProblems();

        // Authentication, authorization, limits and validation go here, in that order (each records its decision in
        // the exchange feature, which the audit records carry).

        // Proof of origin: RFC 9421 request signatures verified with the client's key, required where configured.
        proxy.UseRequestSignatures();

        // Forwarding (YARP): instance choice, passive health.
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();

        // Durability gate: the very last step before YARP forwards. The request record (with every decision above and
        // the chosen upstream) is written here and, in strict mode, durable before the upstream sees the request.
        proxy.UseAuditDurabilityGate();
    }
}
