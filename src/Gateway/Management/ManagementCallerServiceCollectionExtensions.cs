using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using SpbeConnector.Audit.Api;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.AdminApi.Security;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Gateway.Management;

public static class ManagementCallerServiceCollectionExtensions
{
    /// <summary>The request header in which a person's client sends the portal session's anti-forgery token to the admin API.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>
    /// Named callers only on the admin and audit APIs (Pasal 59 ayat (6) huruf c; ayat (9): logs that say who): a person
    /// through the portal's session, or a management client through an access token of this gateway's authorization
    /// server. The admin API wants the platform administrator or <c>spbe.admin</c>, except the approval workflow's
    /// endpoints, which its deciders call as well (the reviewers; for a subscription's decision, an OPD's publisher or
    /// data owner); the audit API the security auditor or <c>spbe.audit</c>, and the administrator is not enough
    /// (whoever administers the gateway is audited).
    /// </summary>
    public static IServiceCollection AddManagementCallers(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddPolicyScheme(ManagementCallerDefaults.CallerScheme, "Portal session or management client", o =>
            {
                o.ForwardDefaultSelector = http => http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ManagementCallerDefaults.ClientScheme
                    : PortalSessionDefaults.Scheme;
                // An API answers 401 and 403, never with the portal's redirect to its sign-in page.
                o.ForwardChallenge = ManagementCallerDefaults.ClientScheme;
                o.ForwardForbid = ManagementCallerDefaults.ClientScheme;
            });
        services.AddSingleton<IAuthorizationHandler, ManagementCallerAuthorizationHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ManagementCallerDefaults.AdminPolicy, p => p.AddAuthenticationSchemes(ManagementCallerDefaults.CallerScheme)
                .AddRequirements(new ManagementCallerRequirement(PortalRole.PlatformAdministrator, ManagementScopes.Admin)))
            .AddPolicy(ManagementCallerDefaults.ReviewPolicy, p => p.AddAuthenticationSchemes(ManagementCallerDefaults.CallerScheme)
                .AddRequirements(new ManagementCallerRequirement(
                    new HashSet<PortalRole> { PortalRole.PlatformAdministrator, PortalRole.OperationalReviewer, PortalRole.SecurityReviewer }, ManagementScopes.Admin)))
            .AddPolicy(ManagementCallerDefaults.SubscriptionDecisionPolicy, p => p.AddAuthenticationSchemes(ManagementCallerDefaults.CallerScheme)
                .AddRequirements(new ManagementCallerRequirement(
                    new HashSet<PortalRole> { PortalRole.PlatformAdministrator, PortalRole.ApiPublisher, PortalRole.DataOwner, PortalRole.SecurityReviewer }, ManagementScopes.Admin)))
            .AddPolicy(AuditApiDefaults.Policy, p => p.AddAuthenticationSchemes(ManagementCallerDefaults.CallerScheme)
                .AddRequirements(new ManagementCallerRequirement(PortalRole.SecurityAuditor, ManagementScopes.Audit)));
        services.Configure<AntiforgeryOptions>(o => o.HeaderName = AntiforgeryHeader);
        return services;
    }
}
