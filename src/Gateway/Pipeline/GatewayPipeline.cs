using SpbeConnector.Gateway.AdminApi;
using SpbeConnector.Gateway.Compliance;
using SpbeConnector.Gateway.Edge;
using SpbeConnector.Gateway.Errors;
using SpbeConnector.Gateway.Health;
using SpbeConnector.Gateway.Logging;
using SpbeConnector.Gateway.Management;
using SpbeConnector.Gateway.Metrics;
using SpbeConnector.Gateway.OpenApi;
using SpbeConnector.Gateway.TrustedProxies;
using SpbeConnector.Portal.SecurityView;
using SpbeConnector.Portal.Sla;
using SpbeConnector.Policies.RequestId;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Audit.Api;
using SpbeConnector.Registry.AdminApi;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Portal;
using SpbeConnector.Portal.AdminApi;

namespace SpbeConnector.Gateway.Pipeline;

/// <summary>The whole HTTP pipeline of the gateway, top to bottom.</summary>
public static class GatewayPipeline
{
    public static void Configure(WebApplication app)
    {
        // The edge: behind a trusted load balancer the connection's remote address, scheme and client certificate become
        // the real client's; from anyone else the forwarding headers are removed unread. Everything below reads the connection.
        app.UseTrustedProxies();
        app.UseGatewayRequestId();
        // Inside the request id's logging scope, so that the request's log event carries it.
        app.UseGatewayRequestLog();
        app.UseExceptionHandler();
        app.UseHsts();
        // The edge: a Host the gateway does not serve (421), header values it could not forward (400), request
        // bodies whose malformed framing must be the client's 400 and not a 500.
        app.UseGatewayEdge();
        app.UseStatusCodePages();
        // Gateway:ManagementUrls: management paths only on the management listener (404 elsewhere), and nothing else there.
        if (app.Services.GetRequiredService<ManagementListener>().Enabled)
            app.UseMiddleware<ManagementListenerMiddleware>();
        // Before routing and client authentication: token requests over the per-source limit cost no cryptography.
        app.UseTokenEndpointShedding(OAuthEndpoints.TokenPath);
        app.UseRouting();
        // The authorization server (OpenIddict) on its own paths; the other schemes authenticate through their policies.
        app.UseOAuthServer();
        app.UseAuthorization();

        app.MapGatewayHealth();
        app.MapGatewayMetrics();
        app.MapGatewayOpenApi();
        app.MapRegistryAdminApi().MapPortalAccountAdminApi();
        app.MapAdministratorBootstrap();
        app.MapAntiAutomationAdminApi();
        app.MapSlaAdminApi();
        app.MapComplianceAdminApi();
        app.MapOAuthServer();
        app.MapAuditApi();
        app.MapRegistryPortal().MapPortalSecurityView().MapPortalSlaReport().MapPortalComplianceReport();
        app.MapPortalSwaggerUi();
        app.MapReverseProxy(DataPlanePipeline.Configure);
        app.MapUnknownRouteProblem();
    }
}
