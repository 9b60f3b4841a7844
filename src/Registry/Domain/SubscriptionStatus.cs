namespace SpbeConnector.Registry.Domain;

/// <summary>Approval state of a subscription. Only <see cref="Approved"/> gives access.</summary>
public enum SubscriptionStatus
{
    Requested,
    Approved,
    Rejected,
    Revoked,
}
