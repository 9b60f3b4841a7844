namespace SpbeConnector.Registry.Domain;

/// <summary>
/// A client application's subscription to an API. A client receives a token for an API, and the gateway lets its
/// calls through, only while the subscription is <see cref="SubscriptionStatus.Approved"/> (Pasal 60 ayat (3) huruf
/// f: access limited by established authorization).
/// </summary>
public sealed class Subscription
{
    public Guid Id { get; set; }
    public Guid ClientApplicationId { get; set; }
    public ClientApplication? Client { get; set; }
    public Guid ApiId { get; set; }
    public Api? Api { get; set; }

    /// <summary>The scopes of the API granted to the client; empty grants every scope the API defines.</summary>
    public List<string> Scopes { get; set; } = new();

    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Requested;

    /// <summary>The plan whose limits the gateway enforces on this subscription's calls.</summary>
    public Guid PlanId { get; set; }
    public Plan? Plan { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
