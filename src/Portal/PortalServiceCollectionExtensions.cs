using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

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
        AddPeople(services, options);
        services.AddSingleton<PortalAudit>();
        // The portal's password rules are one of the compliance report's checks (Pasal 59 ayat (4)).
        services.AddSingleton<Registry.Contracts.Compliance.IComplianceCheck, Compliance.PasswordPolicyCheck>();
        services.AddSingleton<Onboarding.ConformanceChecker>();
        services.AddSingleton<Onboarding.OnboardingWorkflow>();
        services.AddSingleton<Approvals.ApprovalQueue>();
        services.AddSingleton<Applications.ApplicationWorkflow>();
        services.AddSingleton<Applications.TryOutTokenIssuer>();
        services.AddSingleton<Browsing.PublishedApiCatalog>();
        // The gateway replaces it with its SLA measurement; a registry-only host has none.
        services.TryAddSingleton<Browsing.IApiServiceLevelSource, Browsing.UnmeasuredServiceLevelSource>();
        services.AddScoped<PortalRequestFilter>();
        services.AddAuthentication()
            // Between the password and the second factor: names the account for five minutes, nothing more.
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, cookie =>
            {
                cookie.Cookie.Name = PortalSessionDefaults.TwoFactorCookie;
                cookie.Cookie.Path = "/";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.IsEssential = true;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                cookie.SlidingExpiration = false;
            })
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

    /// <summary>
    /// The portal's people on ASP.NET Core Identity, stores in the registry database (the same SQLite or PostgreSQL):
    /// the portal's password rules instead of Identity's (<see cref="PortalPasswordValidator"/>), its lockout settings
    /// (Pasal 59 ayat (4) huruf d), hashes of before Identity still verified (<see cref="LegacyPasswordHasher"/>), a
    /// disabled account refused (<see cref="PortalAccountConfirmation"/>), the session's claims
    /// (<see cref="PortalClaimsFactory"/>), and as second factors authenticator codes, recovery codes and passkeys.
    /// </summary>
    private static void AddPeople(IServiceCollection services, PortalOptions options)
    {
        // Identity's stores take the context from the request's scope: one from the registry's factory (SQLite or PostgreSQL).
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContext());
        services.AddHttpContextAccessor();
        services.AddIdentityCore<PortalAccount>(o =>
            {
                // The portal's rules decide (PortalPasswordValidator); Identity's own would refuse differently.
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaximumFailedLogins;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutDuration;
                o.SignIn.RequireConfirmedAccount = true;
                o.User.RequireUniqueEmail = false;
                o.ClaimsIdentity.SecurityStampClaimType = PortalSessionDefaults.StampClaim;
                // Stores.SchemaVersion stays Identity's default: RegistryDbContext declares the passkey table itself,
                // so that the model at run time is the one its migrations were made from (a version read here would
                // change the model only at run time, and PostgreSQL's migrator refuses a model ahead of its migrations).
            })
            .AddEntityFrameworkStores<RegistryDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddTokenProvider<AuthenticatorTokenProvider<PortalAccount>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddTokenProvider<PasskeyTwoFactorProvider>(PasskeyTwoFactorProvider.Name);
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            // A passkey counts as a second factor only with user verification (PIN or biometric on the authenticator).
            o.UserVerificationRequirement = "required";
            o.ResidentKeyRequirement = "required";
        });
        services.TryAddScoped<IPasskeyHandler<PortalAccount>, PasskeyHandler<PortalAccount>>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = options.PasswordHashIterations);
        services.RemoveAll<IPasswordValidator<PortalAccount>>();
        services.AddScoped<IPasswordValidator<PortalAccount>, PortalPasswordValidator>();
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<PortalAccount>, LegacyPasswordHasher>());
        services.Replace(ServiceDescriptor.Scoped<IUserClaimsPrincipalFactory<PortalAccount>, PortalClaimsFactory>());
        services.Replace(ServiceDescriptor.Scoped<IUserConfirmation<PortalAccount>, PortalAccountConfirmation>());
        services.AddScoped(sp => (PortalSignInManager)sp.GetRequiredService<SignInManager<PortalAccount>>());
        services.AddSingleton<PortalPasswordAge>();
        services.AddScoped<PortalAccountService>();
        services.AddScoped<SecondFactorEnrolment>();
    }
}
