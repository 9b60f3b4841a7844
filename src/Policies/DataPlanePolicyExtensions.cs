using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.Audit.Exchange;
using SpbeConnector.Policies.Cors;
using SpbeConnector.Policies.Authentication;
using SpbeConnector.Policies.Authorization;
using SpbeConnector.Policies.Csrf;
using SpbeConnector.Policies.FileControls;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.RequestSignatures;
using SpbeConnector.Policies.ResponseHardening;
using SpbeConnector.Policies.SchemaValidation;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Policies.TrustedHeaders;
using SpbeConnector.Policies.UpstreamAuthentication;

namespace SpbeConnector.Policies;

public static class DataPlanePolicyExtensions
{
    /// <summary>
    /// Adds the services of every data-plane step, in the order the steps run (the Gateway's DataPlanePipeline).
    /// Steps that need no services (request id, upstream errors, retry) have no <c>Add...</c>. The audit log itself is
    /// the Audit project's (<c>AddGatewayAudit</c>), added by the host beside this.
    /// </summary>
    public static IServiceCollection AddDataPlanePolicies(this IServiceCollection services, IConfiguration configuration, string dataDirectory) =>
        services
            // Not a step but a transform of every route; first, as it always was (YARP applies transforms in order).
            .AddResponseHardening()
            .AddServiceLevel(configuration, dataDirectory)
            .AddExchangeMetrics()
            .AddAntiAutomation(configuration, dataDirectory)
            .AddExchangeAudit()
            .AddCorsPolicy(configuration)
            .AddAccessTokenAuthentication(configuration)
            .AddTrustedHeaders()
            .AddSubscriptionAuthorization()
            .AddRequestSignatures(configuration)
            .AddCsrfProtection(configuration)
            .AddSchemaValidation()
            .AddFileControls(configuration)
            .AddUpstreamAuthentication();
}
