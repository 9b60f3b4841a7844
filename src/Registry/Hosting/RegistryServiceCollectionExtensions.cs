using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpbeConnector.Registry.AdminApi;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.AdminApi.Security;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Hosting;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the registry: its SQLite store under the data directory, the catalog rules, the change signal and
    /// monitor, the OAuth 2.0 authorization server, and the admin API's own schemes: management clients' access
    /// tokens and the first-start token. The host composes them with the portal's session into the admin API's policy
    /// (<see cref="ManagementCallerDefaults.AdminPolicy"/>).
    /// </summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration, DataDirectory data, BootstrapCredential bootstrapCredential)
    {
        services.AddOptions<RegistryOptions>().Bind(configuration.GetSection(RegistryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRegistryStore(configuration, data);
        services.AddSingleton(data);
        // The product's one clock; a host (a test) that registered its own before keeps it, so that time can be moved.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IRegistryChangeSignal, RegistryChangeSignal>();
        services.AddSingleton<IAccessChangeSignal, AccessChangeSignal>();
        services.AddSingleton<LocalVersionBumps>();
        services.AddSingleton<IPublishedApiSource, StorePublishedApiSource>();
        services.AddSingleton<IAccessSnapshotSource, StoreAccessSnapshotSource>();
        services.AddSingleton<IUpstreamCredentialSource, StoreUpstreamCredentialSource>();
        services.AddSingleton<IApiDocumentSource, StoreApiDocumentSource>();
        // The catalog, one class per aggregate, all saving through the one writer.
        services.AddSingleton<RegistryWriter>();
        services.AddSingleton<OpdCatalog>();
        services.AddSingleton<ApiCatalog>();
        services.AddSingleton<ApiDossierCatalog>();
        services.AddSingleton<StandingRuleCatalog>();
        services.AddSingleton<ClientCatalog>();
        services.AddSingleton<ManagementClientCatalog>();
        services.AddSingleton<SubscriptionCatalog>();
        services.AddSingleton<PlanCatalog>();
        services.AddSingleton<RevokedTokenCatalog>();
        services.AddApprovals(configuration);
        services.AddOAuthServer(configuration, data);
        services.AddSharedRegistryServices(configuration);
        services.AddSingleton<RegistryPollRequests>();
        services.AddSingleton<RegistryStoreHealth>();
        services.AddSingleton<RegistryChangeMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistryChangeMonitor>());

        services.AddSingleton(bootstrapCredential);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ManagementClientAuthenticationHandler>(ManagementCallerDefaults.ClientScheme, null)
            .AddScheme<AuthenticationSchemeOptions, BootstrapTokenAuthenticationHandler>(ManagementCallerDefaults.BootstrapScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ManagementCallerDefaults.BootstrapPolicy, p => p.AddAuthenticationSchemes(ManagementCallerDefaults.BootstrapScheme)
                .RequireRole(BootstrapTokenAuthenticationHandler.Role));
        services.AddExceptionHandler<RegistryExceptionHandler>();
        services.AddExceptionHandler<RegistryStoreUnavailableHandler>();
        // Enumerations travel by name ("Published", "Restricted"), as the admin API's document says.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }
}
