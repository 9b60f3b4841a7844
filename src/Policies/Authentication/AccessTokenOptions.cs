using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.Authentication;

/// <summary>Settings of access-token validation at the gateway (section <c>Authentication</c>).</summary>
public sealed class AccessTokenOptions : IValidatableObject
{
    public const string Section = "Authentication";

    /// <summary>Tolerance for clocks that differ between the issuer and the gateway, on <c>exp</c> and <c>nbf</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many validated tokens to remember, so that a token's signature is verified once rather than on every call;
    /// revocation, client state, subscription and scopes are still checked on every call. 0 turns the cache off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>
    /// The least time between two fetches of an external issuer's metadata and keys, however many tokens with unknown
    /// key ids arrive: unknown kids cannot flood the issuer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IssuerKeyRefreshFloor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>External authorization servers whose tokens are accepted for mapped clients.</summary>
    public List<TrustedIssuerOptions> TrustedIssuers { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var issuer in TrustedIssuers)
        {
            foreach (var problem in issuer.Validate(validationContext))
                yield return problem;
        }
        if (TrustedIssuers.Select(i => i.Issuer).Distinct(StringComparer.Ordinal).Count() != TrustedIssuers.Count)
            yield return new ValidationResult("Authentication:TrustedIssuers names an issuer twice.", [nameof(TrustedIssuers)]);
    }
}
