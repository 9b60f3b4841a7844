using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using SpbeConnector.Policies.AntiAutomation;
using SpbeConnector.Policies.Audit.Exchange;
using SpbeConnector.Policies.Authentication;
using SpbeConnector.Policies.Authorization;
using SpbeConnector.Policies.Cors;
using SpbeConnector.Policies.Csrf;
using SpbeConnector.Policies.FileControls;
using SpbeConnector.Policies.Metrics;
using SpbeConnector.Policies.RequestSignatures;
using SpbeConnector.Policies.SchemaValidation;
using SpbeConnector.Policies.Sla;
using SpbeConnector.Policies.UpstreamAuthentication;

namespace SpbeConnector.Policies.Tests;

/// <summary>
/// A data-plane step placed without its services fails when the pipeline is built, naming the <c>Add...</c> call that
/// is missing, instead of failing on the first request (or silently doing nothing).
/// </summary>
public class DataPlaneStepTests
{
    /// <summary>Each step's <c>Use...</c> and the <c>Add...</c> it needs.</summary>
    public static TheoryData<string, string> Steps => new()
    {
        { nameof(SlaExtensions.UseServiceLevelRecording), nameof(SlaExtensions.AddServiceLevel) },
        { nameof(ExchangeMetricsExtensions.UseExchangeMetrics), nameof(ExchangeMetricsExtensions.AddExchangeMetrics) },
        { nameof(AntiAutomationExtensions.UseSourceAddressShedding), nameof(AntiAutomationExtensions.AddAntiAutomation) },
        { nameof(AntiAutomationExtensions.UseTokenEndpointShedding), nameof(AntiAutomationExtensions.AddAntiAutomation) },
        { nameof(AntiAutomationExtensions.UseAttackDetection), nameof(AntiAutomationExtensions.AddAntiAutomation) },
        { nameof(AuditExchangeExtensions.UseGatewayAudit), nameof(AuditExchangeExtensions.AddExchangeAudit) },
        { nameof(CorsExtensions.UseCorsPolicy), nameof(CorsExtensions.AddCorsPolicy) },
        { nameof(AccessTokenAuthenticationExtensions.UseAccessTokenAuthentication), nameof(AccessTokenAuthenticationExtensions.AddAccessTokenAuthentication) },
        { nameof(SubscriptionAuthorizationExtensions.UseSubscriptionAuthorization), nameof(SubscriptionAuthorizationExtensions.AddSubscriptionAuthorization) },
        { nameof(AntiAutomationExtensions.UsePlanLimits), nameof(AntiAutomationExtensions.AddAntiAutomation) },
        { nameof(RequestSignaturesExtensions.UseRequestSignatures), nameof(RequestSignaturesExtensions.AddRequestSignatures) },
        { nameof(CsrfExtensions.UseCsrfProtection), nameof(CsrfExtensions.AddCsrfProtection) },
        { nameof(SchemaValidationExtensions.UseSchemaValidation), nameof(SchemaValidationExtensions.AddSchemaValidation) },
        { nameof(FileControlsExtensions.UseFileControls), nameof(FileControlsExtensions.AddFileControls) },
        { nameof(UpstreamAuthenticationExtensions.UseUpstreamAuthentication), nameof(UpstreamAuthenticationExtensions.AddUpstreamAuthentication) },
        { nameof(AuditExchangeExtensions.UseAuditDurabilityGate), nameof(AuditExchangeExtensions.AddExchangeAudit) },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_step_whose_services_were_not_added_fails_at_start_naming_the_missing_call(string use, string add)
    {
        await using var app = WebApplication.CreateBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => Place(app, use));

        Assert.Contains($"services.{add}(", error.Message);
        Assert.Contains(use, error.Message);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Every_step_can_be_placed_once_AddDataPlanePolicies_ran(string use, string add)
    {
        _ = add;
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddDataPlanePolicies(new ConfigurationBuilder().Build(), Path.GetTempPath());
        await using var app = builder.Build();

        Place(app, use);
    }

    private static void Place(IApplicationBuilder app, string use)
    {
        switch (use)
        {
            case nameof(SlaExtensions.UseServiceLevelRecording): app.UseServiceLevelRecording(); break;
            case nameof(ExchangeMetricsExtensions.UseExchangeMetrics): app.UseExchangeMetrics(); break;
            case nameof(AntiAutomationExtensions.UseSourceAddressShedding): app.UseSourceAddressShedding(); break;
            case nameof(AntiAutomationExtensions.UseTokenEndpointShedding): app.UseTokenEndpointShedding("/oauth2/token"); break;
            case nameof(AntiAutomationExtensions.UseAttackDetection): app.UseAttackDetection(); break;
            case nameof(AuditExchangeExtensions.UseGatewayAudit): app.UseGatewayAudit(); break;
            case nameof(CorsExtensions.UseCorsPolicy): app.UseCorsPolicy(); break;
            case nameof(AccessTokenAuthenticationExtensions.UseAccessTokenAuthentication): app.UseAccessTokenAuthentication(); break;
            case nameof(SubscriptionAuthorizationExtensions.UseSubscriptionAuthorization): app.UseSubscriptionAuthorization(); break;
            case nameof(AntiAutomationExtensions.UsePlanLimits): app.UsePlanLimits(); break;
            case nameof(RequestSignaturesExtensions.UseRequestSignatures): app.UseRequestSignatures(); break;
            case nameof(CsrfExtensions.UseCsrfProtection): app.UseCsrfProtection(); break;
            case nameof(SchemaValidationExtensions.UseSchemaValidation): app.UseSchemaValidation(); break;
            case nameof(FileControlsExtensions.UseFileControls): app.UseFileControls(); break;
            case nameof(UpstreamAuthenticationExtensions.UseUpstreamAuthentication): app.UseUpstreamAuthentication(); break;
            case nameof(AuditExchangeExtensions.UseAuditDurabilityGate): app.UseAuditDurabilityGate(); break;
            default: throw new ArgumentOutOfRangeException(nameof(use), use, "no such step in this test");
        }
    }
}
