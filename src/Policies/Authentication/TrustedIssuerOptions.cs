using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.Authentication;

/// <summary>
/// An external authorization server whose access tokens the gateway accepts (for example the national SPLP or an
/// agency's Keycloak), for the clients mapped to local client applications: the local client's subscriptions and
/// state then decide, as for tokens of the gateway's own server (Pasal 60 ayat (5) huruf b: OAuth with third parties).
/// </summary>
public sealed class TrustedIssuerOptions : IValidatableObject
{
    /// <summary>The issuer identifier, exactly as in its tokens' <c>iss</c>.</summary>
    [Required]
    public string Issuer { get; set; } = "";

    /// <summary>
    /// Where its metadata is (RFC 8414 or OpenID Connect discovery), which names its JWKS. Default:
    /// <c>{Issuer}/.well-known/openid-configuration</c>.
    /// </summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The claim naming the client in its tokens: <c>client_id</c> (RFC 9068), <c>azp</c> (Keycloak, WSO2), ...</summary>
    [Required]
    public string ClientIdClaim { get; set; } = "client_id";

    /// <summary>
    /// The audience its tokens carry for this gateway. Empty: they must name the API's identifier, as the gateway's own
    /// tokens do.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>Its client ids mapped to local client ids. A client not mapped here is refused.</summary>
    public Dictionary<string, string> Clients { get; set; } = new(StringComparer.Ordinal);

    public string EffectiveMetadataAddress => string.IsNullOrEmpty(MetadataAddress) ? Issuer.TrimEnd('/') + "/.well-known/openid-configuration" : MetadataAddress;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps)
            yield return new ValidationResult($"Authentication:TrustedIssuers: issuer '{Issuer}' must be an https URL.", [nameof(Issuer)]);
        if (!Uri.TryCreate(EffectiveMetadataAddress, UriKind.Absolute, out var metadata) || metadata.Scheme != Uri.UriSchemeHttps)
            yield return new ValidationResult($"Authentication:TrustedIssuers: the metadata address of '{Issuer}' must be an https URL.", [nameof(MetadataAddress)]);
        if (Clients.Count == 0)
            yield return new ValidationResult($"Authentication:TrustedIssuers: issuer '{Issuer}' maps no client; list its clients under Clients (external id: local client id).", [nameof(Clients)]);
    }
}
