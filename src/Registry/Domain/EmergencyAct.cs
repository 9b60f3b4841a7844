namespace SpbeConnector.Registry.Domain;

/// <summary>
/// An act one person may take at once to stop harm (suspend or retire an API, revoke a subscription, disable a client),
/// with the reason they gave. It is flagged for review after the fact until a second person records that review
/// (four eyes after the act, since it could not wait for them before).
/// </summary>
public sealed class EmergencyAct
{
    public Guid Id { get; set; }

    /// <summary>What was done: <c>api-suspended</c>, <c>api-retired</c>, <c>subscription-revoked</c>, <c>client-disabled</c>.</summary>
    public string Act { get; set; } = "";

    /// <summary>The API id, subscription id or client id acted on.</summary>
    public string Target { get; set; } = "";

    public string Reason { get; set; } = "";
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public string? ReviewedById { get; set; }
    public string? ReviewedByName { get; set; }
    public string? ReviewNotes { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}
