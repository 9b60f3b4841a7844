using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Portal.Security;

namespace SpbeConnector.Portal;

public static class PortalServiceCollectionExtensions
{
    /// <summary>
    /// Adds the registry portal: its accounts, the session cookie of the framework's cookie authentication (Pasal 59
    /// ayat (5) huruf a-b: the framework's session controller; huruf f: Secure, HttpOnly, SameSite=Strict; huruf d:
    /// idle and absolute timeouts) and anti-forgery tokens for its forms.
    /// </summary>
    public static IServiceCollection AddRegistryPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PortalOptions>, PortalOptionsValidation>();
        // The pages are Razor components rendered on the server only (static SSR): no interactive render mode is added,
        // so no circuit, WebSocket or WebAssembly exists and no framework script is served.
        services.AddRazorComponents();
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        services.AddSingleton<PortalAccountService>();
        services.AddSingleton<PortalAudit>();
        // The portal's password rules are one of the compliance report's checks (Pasal 59 ayat (4)).
        services.AddSingleton<Registry.Contracts.Compliance.IComplianceCheck, Compliance.PasswordPolicyCheck>();
        services.AddSingleton<Onboarding.ConformanceChecker>();
        services.AddSingleton<Onboarding.OnboardingWorkflow>();
        services.AddSingleton<Applications.ApplicationWorkflow>();
        services.AddSingleton<Browsing.PublishedApiCatalog>();
        // The gateway replaces it with its SLA measurement; a registry-only host has none.
        services.TryAddSingleton<Browsing.IApiServiceLevelSource, Browsing.UnmeasuredServiceLevelSource>();
        services.AddScoped<PortalRequestFilter>();
        services.AddAuthentication()
            .AddCookie(PortalSessionDefaults.Scheme, cookie =>
            {
                cookie.Cookie.Name = PortalSessionDefaults.SessionCookie;
                cookie.Cookie.Path = "/";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.IsEssential = true;
                cookie.ExpireTimeSpan = options.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/portal/masuk";
                cookie.LogoutPath = "/portal/keluar";
                cookie.AccessDeniedPath = "/portal";
                cookie.EventsType = typeof(PortalSessionValidation);
            });
        services.AddScoped<PortalSessionValidation>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalSessionDefaults.Policy, p => p.AddAuthenticationSchemes(PortalSessionDefaults.Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = PortalSessionDefaults.AntiforgeryCookie;
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = PortalSessionDefaults.AntiforgeryField;
        });
        return services;
    }
}
