namespace SpbeConnector.Registry.Domain;

/// <summary>Where an <see cref="ApprovalRequest"/> stands.</summary>
public enum ApprovalRequestStatus
{
    /// <summary>Waiting for the decision of its stage.</summary>
    Pending,
    /// <summary>Every stage approved (a change is then in force).</summary>
    Approved,
    /// <summary>A stage rejected it.</summary>
    Rejected,
    /// <summary>Its submitter took it back before the last decision.</summary>
    Withdrawn,
}
