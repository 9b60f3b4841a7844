using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Authentication;

/// <summary>
/// A trusted external issuer at run time: its validation parameters, with Microsoft.IdentityModel's configuration
/// manager fetching its metadata and JWKS, caching them, and refreshing them on an unknown <c>kid</c> no more often
/// than the configured floor.
/// </summary>
public sealed class ExternalIssuer
{
    public ExternalIssuer(TrustedIssuerOptions options, HttpClient http, AccessTokenOptions tokens)
    {
        Options = options;
        var configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
            options.EffectiveMetadataAddress,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = true })
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(1),
            RefreshInterval = tokens.IssuerKeyRefreshFloor,
        };
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ConfigurationManager = configuration,
            ValidateAudience = !string.IsNullOrEmpty(options.Audience),
            ValidAudience = string.IsNullOrEmpty(options.Audience) ? null : options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = tokens.ClockSkew,
            RequireSignedTokens = true,
            ValidAlgorithms = LocalTokenValidation.Algorithms,
            TryAllIssuerSigningKeys = false,
        };
    }

    public TrustedIssuerOptions Options { get; }

    public TokenValidationParameters Parameters { get; }

    /// <summary>The local client id of an external client, or null when it is not mapped.</summary>
    public string? LocalClientId(string? externalClientId) =>
        externalClientId is not null && Options.Clients.TryGetValue(externalClientId, out var local) ? local : null;
}
