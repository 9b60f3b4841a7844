using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpbeConnector.Policies.Csrf;

public static class CsrfExtensions
{
    public static IServiceCollection AddCsrfProtection(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<CsrfOptions>().Bind(configuration.GetSection(CsrfOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services.MarkAdded<CsrfMiddleware>();
    }

    /// <summary>CSRF protection of cookie-session APIs and cookie dropping for token APIs; place it before validation.</summary>
    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) =>
        app.RequireAdded<CsrfMiddleware>(nameof(AddCsrfProtection), nameof(UseCsrfProtection)).UseMiddleware<CsrfMiddleware>();
}
