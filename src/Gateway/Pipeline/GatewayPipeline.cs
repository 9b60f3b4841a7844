using SpbeConnector.Gateway.AdminApi;
using SpbeConnector.Gateway.Errors;
using SpbeConnector.Gateway.Health;
using SpbeConnector.Gateway.Metrics;
using SpbeConnector.Gateway.OpenApi;
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
        app.UseGatewayRequestId();
        app.UseExceptionHandler();
        app.UseHsts();
        app.UseStatusCodePages();
        // Before routing and client authentication: token requests over the per-source limit cost no cryptography.
        app.UseTokenEndpointShedding(OAuthEndpoints.TokenPath);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGatewayHealth();
        app.MapGatewayMetrics();
        app.MapGatewayOpenApi();
        app.MapRegistryAdminApi().MapPortalAccountAdminApi();
        app.MapAntiAutomationAdminApi();
        app.MapSlaAdminApi();
        app.MapOAuthServer();
        app.MapAuditApi();
        app.MapRegistryPortal().MapPortalSecurityView().MapPortalSlaReport();
        app.MapPortalSwaggerUi();
        app.MapReverseProxy(DataPlanePipeline.Configure);
        app.MapUnknownRouteProblem();
    }
}
