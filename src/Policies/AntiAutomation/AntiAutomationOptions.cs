using System.ComponentModel.DataAnnotations;
using SpbeConnector.Policies.AntiAutomation.Alerts;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Anti-automation and availability protection (section <c>AntiAutomation</c>): Pasal 59 ayat (6) huruf b,
/// ayat (13) huruf c-e, ayat (15) huruf g; Pasal 60 ayat (3) huruf c.
/// </summary>
public sealed class AntiAutomationOptions
{
    public const string Section = "AntiAutomation";

    /// <summary>Requests per source address, applied before any cryptography (cheap shedding).</summary>
    [Range(1, long.MaxValue)]
    public long PerIpLimit { get; set; } = 6000;

    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per source address to the token endpoint.</summary>
    [Range(1, long.MaxValue)]
    public long TokenEndpointPerIpLimit { get; set; } = 120;

    public TimeSpan TokenEndpointPerIpWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The time zone whose calendar days and months the daily and monthly quotas of plans follow (IANA name):
    /// Asia/Jakarta (WIB) by default; Asia/Makassar (WITA) or Asia/Jayapura (WIT) for regions east of it.
    /// </summary>
    public string QuotaTimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>
    /// With Redis, how long a slot of a plan's concurrency limit is held at most: longer than any request should take
    /// (a node that dies mid-request gets its slots back after this).
    /// </summary>
    public TimeSpan ConcurrencyLeaseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Redis connection string (StackExchange.Redis syntax) for limits exact across every gateway node; none = each
    /// node counts on its own.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// How many gateway nodes share the limits. When Redis is unreachable each node enforces 1/N of every limit, so
    /// that together they stay within it.
    /// </summary>
    [Range(1, 1000)]
    public int ExpectedNodes { get; set; } = 1;

    public AttackDetectionOptions Detection { get; set; } = new();

    public AlertWebhookOptions Webhook { get; set; } = new();
}
