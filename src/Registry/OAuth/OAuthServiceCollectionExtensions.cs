using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // The Data Protection keys stay under the data directory, readable by the owner only: they decrypt the signing
        // keys and upstream secrets in the store, so the store alone reveals neither.
        var keys = data.SubDirectory("dataprotection-keys");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection()
            .SetApplicationName("SpbeConnector")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton<ClientSecretHasher>();
        services.TryAddSingleton<IClientSecretVerifier>(sp => sp.GetRequiredService<ClientSecretHasher>());
        services.AddSingleton<IssuerIdentity>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<ILocalIssuer>(sp => sp.GetRequiredService<SigningKeyRing>());
        services.AddHostedService<SigningKeyScheduler>();
        services.AddSingleton<ClientAuthenticationThrottle>();
        services.AddSingleton<PrivateKeyJwtVerifier>();
        services.AddSingleton<ClientCertificateVerifier>();
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
