using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Hosting;
using SpbeConnector.Registry.OAuth.Handlers;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace SpbeConnector.Registry.OAuth;

public static class OAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the authorization server: OpenIddict's server for the protocol (request parsing, errors, token minting,
    /// metadata, JWKS, token validation at introspection and revocation), in degraded mode with the registry's handlers
    /// for what the registry decides (docs/architecture.md, "Authorization server"); its options, Data Protection
    /// with its keys under the data directory (they encrypt the signing keys at rest), the signing-key ring and its
    /// schedule, client authentication and the grant.
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
        // The management interfaces read this server's own access tokens (ManagementClientAuthenticationHandler).
        services.AddSingleton<LocalTokenReader>();
        services.AddHostedService<SigningKeyScheduler>();
        services.AddSingleton<ClientAuthenticationThrottle>();
        services.AddSingleton<PrivateKeyJwtVerifier>();
        services.AddSingleton<ClientCertificateVerifier>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<ClientCredentialsGrant>();
        services.AddOpenIddictServer();
        return services;
    }

    private static void AddOpenIddictServer(this IServiceCollection services)
    {
        services.AddOpenIddict().AddServer(server =>
        {
            server.SetTokenEndpointUris(Relative(OAuthEndpoints.TokenPath))
                .SetIntrospectionEndpointUris(Relative(OAuthEndpoints.IntrospectionPath))
                .SetRevocationEndpointUris(Relative(OAuthEndpoints.RevocationPath))
                .SetConfigurationEndpointUris(Relative(OAuthEndpoints.MetadataPath))
                .SetJsonWebKeySetEndpointUris(Relative(OAuthEndpoints.JwksPath));
            server.AllowClientCredentialsFlow();
            // Clients, subscriptions and revocations live in the registry's tables: no OpenIddict stores.
            server.EnableDegradedMode().DisableTokenStorage().DisableAuthorizationStorage();
            // Scopes and resources are the registry's (ClientCredentialsGrant), not a list registered with OpenIddict.
            server.DisableScopeValidation().DisableResourceValidation().DisableAudienceValidation();
            // RFC 9068 access tokens are signed JWTs the gateway and resource servers read; OpenIddict would encrypt them.
            server.DisableAccessTokenEncryption();
            // OpenIddict insists on an encryption key for the token kinds it encrypts (codes, refresh tokens), none of which
            // this server issues: an ephemeral one satisfies it and protects nothing that outlives the process.
            server.AddEphemeralEncryptionKey();
            // RFC 8705 section 3: a token obtained over mutual TLS carries cnf.x5t#S256 of the client's certificate.
            server.UseClientCertificateBoundAccessTokens();
            // Transport security is the gateway listener's matter (Tls options); a plain-HTTP listener is a choice made there.
            // Compact JSON, one line, as before: scripts (and the demo's printed command) read the token with sed.
            server.UseAspNetCore().DisableTransportSecurityRequirement().SuppressJsonResponseIndentation();

            server.AddEventHandler(PassOtherMethodsToRouting.Descriptor);
            server.AddEventHandler(RefuseRepeatedParameters<ExtractTokenRequestContext>.Descriptor);
            server.AddEventHandler(RefuseRepeatedParameters<ExtractIntrospectionRequestContext>.Descriptor);
            server.AddEventHandler(RefuseRepeatedParameters<ExtractRevocationRequestContext>.Descriptor);
            server.AddEventHandler(ThrottleClientAuthentication<ValidateTokenRequestContext>.Descriptor);
            server.AddEventHandler(ThrottleClientAuthentication<ValidateIntrospectionRequestContext>.Descriptor);
            server.AddEventHandler(ThrottleClientAuthentication<ValidateRevocationRequestContext>.Descriptor);
            server.AddEventHandler(AuthenticateRegistryClient.Descriptor);
            server.AddEventHandler(IssueClientCredentialsToken.Descriptor);
            server.AddEventHandler(StateScopeAndLifetime.Descriptor);
            server.AddEventHandler(SignWithRegistryKeyRing.Descriptor);
            server.AddEventHandler(ValidateWithRegistryIssuer.Descriptor);
            server.AddEventHandler(RejectRevokedAccessTokens.Descriptor);
            server.AddEventHandler(AttachIntrospectionScopes.Descriptor);
            // A registry client with the introspection right may introspect any token (AuthenticateRegistryClient); a
            // client revokes only its own (RevokeOnlyOwnTokens). OpenIddict's audience checks would need its store.
            server.RemoveEventHandler(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor);
            server.RemoveEventHandler(OpenIddictServerHandlers.Revocation.ValidateAuthorizedParty.Descriptor);
            server.AddEventHandler(RevokeOnlyOwnTokens.Descriptor);
            server.AddEventHandler(RevokeInRegistry.Descriptor);
            server.AddEventHandler(ApplyRefusalStatus<ApplyTokenResponseContext>.Descriptor);
            server.AddEventHandler(ApplyRefusalStatus<ApplyIntrospectionResponseContext>.Descriptor);
            server.AddEventHandler(ApplyRefusalStatus<ApplyRevocationResponseContext>.Descriptor);
            server.AddEventHandler(RecordTokenRequest.Descriptor);
            server.AddEventHandler(StateExactIssuer<ApplyConfigurationResponseContext>.Descriptor);
            server.AddEventHandler(StateExactIssuer<ApplyIntrospectionResponseContext>.Descriptor);
            server.AddEventHandler(ListIntrospectedAudiences.Descriptor);
        });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, OpenIddictServerSettings>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>, SigningKeyOptionsChangeSource>();
    }

    /// <summary>OpenIddict takes endpoint paths relative to the issuer's base, without the leading slash.</summary>
    private static string Relative(string path) => path.TrimStart('/');
}
