using Microsoft.AspNetCore.Diagnostics;
using SpbeConnector.Policies;
using SpbeConnector.Policies.Csrf;
using SpbeConnector.Policies.FileControls;
using SpbeConnector.Policies.SchemaValidation;

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
        proxy.UseUpstreamErrorProblems();

        // 3-6. Cheap shedding, authentication, authorization, per-client limits: each policy's line goes here, in
        //      the DESIGN order, ahead of validation (so unauthenticated traffic never costs a body parse).

        // CSRF (Pasal 60 ayat (5) huruf d): cookie-session APIs need a matching origin and a double-submit token on
        // unsafe methods; token APIs never forward the client's cookies unless configured to.
        proxy.UseCsrfProtection();

        // 7. Positive validation against the API's OpenAPI document: only documented operations, with valid
        //    parameters, pass (Pasal 59 ayat (7), (15) huruf d-e; Pasal 60 ayat (3) huruf g, ayat (5) huruf c, e).
        proxy.UseSchemaValidation();
        //    Files the validation found: count, size, type and signature, per-client quotas, SHA-256 for the audit
        //    record, virus scan (Pasal 59 ayat (14); Pasal 60 ayat (2) huruf d, ayat (3) huruf l).
        proxy.UseFileControls();

        // Forwarding (YARP): instance choice, passive health.
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
    }
}
