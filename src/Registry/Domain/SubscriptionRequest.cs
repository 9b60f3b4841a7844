namespace SpbeConnector.Registry.Domain;

/// <summary>
/// What the portal records around a subscription: the plan and purpose the developer gave, and the owning OPD's
/// decision with its reasons (REG-11; Batu Bara Pasal 14 ayat (11), Bogor Pasal 16 ayat (2): the data-owning agency
/// approves before its data is integrated). Keyed by the subscription's id.
/// </summary>
public sealed class SubscriptionRequest
{
    public Guid SubscriptionId { get; set; }
    public string Plan { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string RequestedBy { get; set; } = "";

    /// <summary>The stable identifier of who asked (four eyes: they never decide it); null on rows older than the approval workflow.</summary>
    public string? RequestedById { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>Who decided, as people read it (their user name or the client's name): what the pages show.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>
    /// The stable identifier of who decided (<c>person:&lt;username&gt;</c>, <c>client:&lt;client_id&gt;</c>, as
    /// <see cref="Contracts.AdministrativeActor"/> names them in the audit log); null on rows decided before it was recorded,
    /// which keep only the name they had.
    /// </summary>
    public string? DecidedById { get; set; }
    public string? DecisionNotes { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
