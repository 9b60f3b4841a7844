namespace SpbeConnector.Registry.Domain;

/// <summary>
/// One passage of an API through the feasibility review (GOV-01): its publication, or a change to it once it is live.
/// The request names the approval profile in force when it was made and the stage it waits in; each decision on it is an
/// <see cref="OnboardingDecision"/> carrying its id. A change request holds the proposed settings: they are not in
/// force (the API keeps serving on its approved settings) until the last stage approves, which applies them in one step.
/// </summary>
public sealed class ApprovalRequest
{
    public Guid Id { get; set; }
    public Guid ApiId { get; set; }
    public ApprovalRequestKind Kind { get; set; }
    public ApprovalRequestStatus Status { get; set; } = ApprovalRequestStatus.Pending;

    /// <summary>The approval profile whose stages this request walks (its name, see <c>Portal:ApprovalProfile</c>).</summary>
    public string Profile { get; set; } = "";

    /// <summary>The index, in the profile's stages, of the stage waiting for a decision.</summary>
    public int StageIndex { get; set; }

    /// <summary>What a change request proposes, as JSON (<c>Approvals.ProposedChange</c>); null for a publication.</summary>
    public string? ProposedChange { get; set; }

    /// <summary>
    /// A new upstream client secret the change proposes, encrypted with Data Protection as the API stores it (secrets
    /// are never stored in plain text, also while they wait for approval).
    /// </summary>
    public string? ProtectedUpstreamSecret { get; set; }

    /// <summary>The OpenAPI document revision under review when the request was made.</summary>
    public int DocumentRevision { get; set; }

    /// <summary>The stable identifier of who made the request (four eyes: they never decide it).</summary>
    public string SubmittedById { get; set; } = "";
    public string SubmittedByName { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
