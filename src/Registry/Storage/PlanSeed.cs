using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// The plans every registry starts with: the national connector's (SPLP) subscription tiers of 1,000, 2,000 and
/// 5,000 requests per minute that agencies already know, and Unlimited, which only an administrator may attach.
/// </summary>
internal static class PlanSeed
{
    private static readonly DateTimeOffset Seeded = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public static readonly Plan[] Defaults =
    [
        Tier(Plan.BronzeId, "Bronze", 1_000, "1,000 requests per minute (SPLP Bronze)"),
        Tier(Plan.SilverId, "Silver", 2_000, "2,000 requests per minute (SPLP Silver)"),
        Tier(Plan.GoldId, "Gold", 5_000, "5,000 requests per minute (SPLP Gold)"),
        new Plan
        {
            Id = Plan.UnlimitedId, Name = "Unlimited", AdministratorOnly = true, CreatedAt = Seeded, UpdatedAt = Seeded,
            Description = "No plan limit; attached only by an administrator's decision (per-source limits and attack detection still apply)",
        },
    ];

    private static Plan Tier(Guid id, string name, long perMinute, string description) =>
        new() { Id = id, Name = name, RequestsPerMinute = perMinute, Description = description, CreatedAt = Seeded, UpdatedAt = Seeded };
}
