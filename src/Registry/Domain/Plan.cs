namespace SpbeConnector.Registry.Domain;

/// <summary>
/// A usage plan (a subscription tier): how much one client application may call one API (Pasal 59 ayat (13) huruf
/// c-e and ayat (6) huruf b: anti-automation, limits on simultaneous and continuous access). A null limit is no
/// limit of that kind. Every subscription has exactly one plan.
/// </summary>
public sealed class Plan
{
    /// <summary>The national connector's tiers (1,000 / 2,000 / 5,000 requests per minute) and Unlimited, seeded by the first migration that has plans.</summary>
    public static readonly Guid BronzeId = new("5b1e7a52-0d1c-4c53-9a8e-000000000001");
    public static readonly Guid SilverId = new("5b1e7a52-0d1c-4c53-9a8e-000000000002");
    public static readonly Guid GoldId = new("5b1e7a52-0d1c-4c53-9a8e-000000000003");
    public static readonly Guid UnlimitedId = new("5b1e7a52-0d1c-4c53-9a8e-000000000004");

    /// <summary>The plan a subscription gets when none is named.</summary>
    public const string DefaultName = "Bronze";

    public Guid Id { get; set; }

    /// <summary>Unique name, as clients see it in the <c>RateLimit-Policy</c> header and the catalog (for example <c>Gold</c>).</summary>
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public long? RequestsPerSecond { get; set; }
    public long? RequestsPerMinute { get; set; }

    /// <summary>Requests per calendar day in the gateway's quota time zone (Asia/Jakarta unless configured).</summary>
    public long? DailyQuota { get; set; }

    /// <summary>Requests per calendar month in the gateway's quota time zone.</summary>
    public long? MonthlyQuota { get; set; }

    /// <summary>Requests of one subscription in flight at the same time.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>
    /// Attached to a subscription only by an explicit administrator decision, never by a subscription request
    /// (Unlimited, for example): a plan that lifts the anti-automation limits is a security decision.
    /// </summary>
    public bool AdministratorOnly { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
