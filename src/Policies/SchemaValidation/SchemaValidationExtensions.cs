using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Policies.Routing;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.SchemaValidation;

public static class SchemaValidationExtensions
{
    /// <summary>Adds the compiled-contract cache, the directory of routed APIs and the registry's document check.</summary>
    public static IServiceCollection AddSchemaValidation(this IServiceCollection services)
    {
        services.TryAddSingleton<RoutedApiChanges>();
        services.AddSingleton<ApiContractCache>();
        services.AddSingleton<IApiPolicyCheck, SchemaValidationPolicyCheck>();
        return services.MarkAdded<SchemaValidationMiddleware>();
    }

    /// <summary>Positive validation against the API's OpenAPI document; place it after CSRF and right before the file controls.</summary>
    public static IApplicationBuilder UseSchemaValidation(this IApplicationBuilder app) =>
        app.RequireAdded<SchemaValidationMiddleware>(nameof(AddSchemaValidation), nameof(UseSchemaValidation)).UseMiddleware<SchemaValidationMiddleware>();
}
