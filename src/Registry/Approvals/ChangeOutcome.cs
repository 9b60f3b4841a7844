using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// What became of a proposed change: applied at once (a draft: <see cref="Applied"/>), or waiting as a change request
/// (<see cref="Pending"/>) while the live API keeps its approved settings.
/// </summary>
public sealed record ChangeOutcome(Api? Applied, ApprovalRequest? Pending);
