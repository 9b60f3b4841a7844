using Microsoft.AspNetCore.Diagnostics;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.Cors;
using SpbeConnector.Policies.Audit.Exchange;
using SpbeConnector.Policies.Authentication;
using SpbeConnector.Policies.Authorization;
using SpbeConnector.Policies.Csrf;
using SpbeConnector.Policies.FileControls;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.RequestSignatures;
using SpbeConnector.Policies.SchemaValidation;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Policies.UpstreamAuthentication;
using SpbeConnector.Policies.UpstreamErrors;
using SpbeConnector.Policies.UpstreamRetry;

namespace SpbeConnector.Gateway.Pipeline;

/// <summary>
/// The path of one proxied request, in order (docs/architecture.md, "The path of a request"). Each step is one policy; the
/// order of this list is the order of enforcement. A step that does nothing for a request (facts of its route compiled
/// in <c>RoutedApi</c> when routes are built, or of the request) returns the next step's task without awaiting it, so
/// a step that does not apply costs one synchronous check, not an async state machine (issue 21, "The pipeline").
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
        // The service level (Pasal 60 ayat (3) huruf m) is measured around everything the gateway does.
        proxy.UseServiceLevelRecording();
        proxy.UseExchangeMetrics();

        // 3. Cheap shedding first: blocked sources and per-source limits, before any cryptography. Flood traffic is
        //    counted, not audited, so it can neither make the log grow at line rate nor make the gateway sign receipts.
        proxy.UseSourceAddressShedding();
        // Attack detection sees the outcome of everything after it (refusals included).
        proxy.UseAttackDetection();

        // Audit and receipts: every exchange from here on is recorded, including those a later policy refuses, and
        // every response (upstream's or a policy's problem details) carries a receipt.
        proxy.UseGatewayAudit();
        proxy.UseUpstreamErrorProblems();

        // CORS per API: a browser's preflight is answered here (204 or 403) and never forwarded, before
        // authentication because a preflight carries no credentials; every other answer gets the API's CORS headers
        // (refusals included, so that the page can read them), the upstream's own Access-Control-* headers removed.
        proxy.UseCorsPolicy();

        // 4. Authentication: a valid access token for this API, unless the API is public.
        proxy.UseAccessTokenAuthentication();
        // 5. Authorization: an approved subscription, the required scopes, certificate binding for exempt information.
        proxy.UseSubscriptionAuthorization();
        // 6. The plan of that subscription: requests in flight, per second and minute, daily and monthly quotas, and
        //    the API's per-operation limits (Pasal 59 ayat (13) huruf c-e), before any further cryptography.
        proxy.UsePlanLimits();
        // Proof of origin: RFC 9421 request signatures verified with the client's key, required where configured.
        proxy.UseRequestSignatures();

        // CSRF (Pasal 60 ayat (5) huruf d): cookie-session APIs need a matching origin and a double-submit token on
        // unsafe methods; token APIs never forward the client's cookies unless configured to.
        proxy.UseCsrfProtection();

        // 7. Positive validation against the API's OpenAPI document: only documented operations, with valid
        //    parameters, pass (Pasal 59 ayat (7), (15) huruf d-e; Pasal 60 ayat (3) huruf g, ayat (5) huruf c, e).
        proxy.UseSchemaValidation();
        //    Files the validation found: count, size, type and signature, per-client quotas, SHA-256 for the audit
        //    record, virus scan (Pasal 59 ayat (14); Pasal 60 ayat (2) huruf d, ayat (3) huruf l).
        proxy.UseFileControls();

        // 8. Before forwarding: the gateway's own token for upstreams protected by their own OAuth server.
        proxy.UseUpstreamAuthentication();

        // Forwarding (YARP): another instance for idempotent requests that could not be delivered, instance choice,
        // passive health (the circuit of each instance).
        proxy.UseIdempotentRetry();
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();

        // Durability gate: the very last step before YARP forwards. The request record (with every decision above and
        // the chosen upstream) is written here and, in strict mode, durable before the upstream sees the request.
        proxy.UseAuditDurabilityGate();
    }
}
