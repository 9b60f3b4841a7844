using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Hosting;

namespace SpbeConnector.Registry.OAuth;

public static class OAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in authorization server: its options, Data Protection with its keys under the data directory
    /// (they encrypt the signing keys at rest), the signing-key ring and its schedule, client authentication, the
    /// grant and the protocol endpoints' handlers.
    /// </summary>
    public static IServiceCollection AddOAuthServer(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddOptions<OAuthServerOptions>().Bind(configuration.GetSection(OAuthServerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection()
            .SetApplicationName("SpbeConnector")
            .PersistKeysToFileSystem(new DirectoryInfo(data.SubDirectory("dataprotection-keys")));
        services.AddSingleton<ClientSecretHasher>();
        services.AddSingleton<IssuerIdentity>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<ILocalIssuer>(sp => sp.GetRequiredService<SigningKeyRing>());
        services.AddHostedService<SigningKeyScheduler>();
        services.AddSingleton<ClientAuthenticationThrottle>();
        services.AddSingleton<PrivateKeyJwtVerifier>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<LocalTokenReader>();
        services.AddSingleton<IntrospectionEndpoint>();
        services.AddSingleton<RevocationEndpoint>();
        services.AddSingleton<ClientCredentialsGrant>();
        services.AddSingleton<AccessTokenFactory>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<AuthorizationServerMetadata>();
        return services;
    }
}
