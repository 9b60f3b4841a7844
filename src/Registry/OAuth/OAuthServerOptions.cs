using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Registry.OAuth;

/// <summary>Settings of the built-in OAuth 2.0 authorization server (section <c>OAuth</c>).</summary>
public sealed class OAuthServerOptions : IValidatableObject
{
    public const string Section = "OAuth";

    /// <summary>The algorithms the server may sign with: asymmetric only, never <c>none</c>, never HMAC.</summary>
    public static readonly IReadOnlyList<string> SigningAlgorithms = ["ES256", "RS256", "PS256"];

    /// <summary>
    /// The issuer identifier (RFC 8414 section 2): the HTTPS URL clients reach the gateway at, without a trailing
    /// slash. Empty: the first listening address.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Lifetime of access tokens; short, because a bearer token works for whoever holds it (Pasal 59 ayat (5) huruf d).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The algorithm of new signing keys: ES256 (default), RS256 or PS256.</summary>
    public string SigningAlgorithm { get; set; } = "ES256";

    /// <summary>How long a signing key signs before a successor takes over (scheduled rotation, Pasal 59 ayat (8) huruf c).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "365.00:00:00")]
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a new signing key is published in the JWKS before it signs, so that every cache has it first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan SigningKeyPublicationLead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the key schedule is checked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>PBKDF2-SHA256 iterations for new client-secret hashes (Pasal 59 ayat (4) huruf f). Stored with each hash.</summary>
    [Range(1_000, 10_000_000)]
    public int SecretHashIterations { get; set; } = 600_000;

    /// <summary>How long the previous client secret keeps working after a rotation, unless the rotation says otherwise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Failed client authentications allowed for one client id from one source address within
    /// <see cref="FailedAuthenticationWindow"/> (Pasal 59 ayat (4) huruf d); past it, that source is refused for that
    /// client, while the client keeps working from its own sources (a client id alone is never locked out).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxFailedAuthenticationsPerClientAndAddress { get; set; } = 10;

    /// <summary>Failed client authentications allowed per source address (IPv6: per /64) across all client ids within <see cref="FailedAuthenticationWindow"/>.</summary>
    [Range(1, 100_000)]
    public int MaxFailedAuthenticationsPerAddress { get; set; } = 30;

    /// <summary>The window over which failed client authentications are counted; a blocked source waits it out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedAuthenticationWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A PEM file of the certification authorities whose client certificates <c>tls_client_auth</c> accepts (for
    /// example BSrE's). Empty: <c>tls_client_auth</c> is off; <c>self_signed_tls_client_auth</c> needs no CA.
    /// </summary>
    public string? ClientCertificateCaBundlePath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SigningAlgorithms.Contains(SigningAlgorithm))
            yield return new ValidationResult($"OAuth:SigningAlgorithm must be one of {string.Join(", ", SigningAlgorithms)}.", [nameof(SigningAlgorithm)]);
        if (!string.IsNullOrEmpty(Issuer) && (!Uri.TryCreate(Issuer, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || Issuer.EndsWith('/')))
            yield return new ValidationResult("OAuth:Issuer must be an https URL without query, fragment or trailing slash (RFC 8414 section 2).", [nameof(Issuer)]);
        if (!string.IsNullOrEmpty(ClientCertificateCaBundlePath) && !File.Exists(ClientCertificateCaBundlePath))
            yield return new ValidationResult($"OAuth:ClientCertificateCaBundlePath '{ClientCertificateCaBundlePath}' does not exist; point it at a PEM file of CA certificates, or remove the setting.", [nameof(ClientCertificateCaBundlePath)]);
        if (SigningKeyPublicationLead >= SigningKeyLifetime)
            yield return new ValidationResult("OAuth:SigningKeyPublicationLead must be shorter than OAuth:SigningKeyLifetime.", [nameof(SigningKeyPublicationLead)]);
    }
}
