using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.Authentication;

/// <summary>Settings of access-token validation at the gateway (section <c>Authentication</c>).</summary>
public sealed class AccessTokenOptions
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
}
