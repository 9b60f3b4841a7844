using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Policies.Routing;

namespace SpbeConnector.Policies.Authorization;

public static class SubscriptionAuthorizationExtensions
{
    /// <summary>Adds the directory of routed APIs the authorization reads; the access snapshot comes with the authentication step.</summary>
    public static IServiceCollection AddSubscriptionAuthorization(this IServiceCollection services)
    {
        services.TryAddSingleton<RoutedApiChanges>();
        return services.MarkAdded<SubscriptionAuthorizationMiddleware>();
    }

    /// <summary>An approved subscription, the required scopes, certificate binding for exempt information (architecture.md step 5).</summary>
    public static IApplicationBuilder UseSubscriptionAuthorization(this IApplicationBuilder app) =>
        app.RequireAdded<SubscriptionAuthorizationMiddleware>(nameof(AddSubscriptionAuthorization), nameof(UseSubscriptionAuthorization))
            .UseMiddleware<SubscriptionAuthorizationMiddleware>();
}
