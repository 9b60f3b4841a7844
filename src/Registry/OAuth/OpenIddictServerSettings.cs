using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// The part of OpenIddict's server options that comes from the registry: the issuer, the access-token lifetime, the
/// client authentication methods the registry checks (<see cref="ClientAuthenticator"/>), and the signing keys of
/// the key ring as signing credentials, from which OpenIddict publishes the JWKS. Re-applied whenever the ring's key
/// set changes (<see cref="SigningKeyOptionsChangeSource"/>), so that a successor key is published before it signs
/// and a retired key until its tokens have expired.
/// </summary>
public sealed class OpenIddictServerSettings(SigningKeyRing ring, IssuerIdentity issuer, ClientCertificateVerifier certificates, IOptions<OAuthServerOptions> oauth) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        // Options are first built by the first protocol request, once the gateway listens (the issuer is known).
        options.Issuer = new Uri(issuer.Issuer + "/");
        options.AccessTokenLifetime = oauth.Value.AccessTokenLifetime;
        options.ClientAuthenticationMethods.Clear();
        options.ClientAuthenticationMethods.UnionWith([
            OpenIddictConstants.ClientAuthenticationMethods.ClientSecretBasic,
            OpenIddictConstants.ClientAuthenticationMethods.ClientSecretPost,
            OpenIddictConstants.ClientAuthenticationMethods.PrivateKeyJwt,
            OpenIddictConstants.ClientAuthenticationMethods.SelfSignedTlsClientAuth,
        ]);
        // OpenIddict's certificate checks stop at its application store in degraded mode; the policies make it
        // announce the methods, and the registry applies them (ClientAuthenticator, ClientCertificateVerifier).
        options.SelfSignedTlsClientAuthenticationPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        if (certificates.ChainPolicy() is { } authorities)
        {
            options.PublicKeyInfrastructureTlsClientAuthenticationPolicy = authorities;
            options.ClientAuthenticationMethods.Add(OpenIddictConstants.ClientAuthenticationMethods.TlsClientAuth);
        }
        options.SigningCredentials.Clear();
        foreach (var key in ring.Keys)
            options.SigningCredentials.Add(key.Credentials);
    }
}
