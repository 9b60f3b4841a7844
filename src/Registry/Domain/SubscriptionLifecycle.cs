namespace SpbeConnector.Registry.Domain;

/// <summary>
/// The allowed moves of a subscription (Pasal 59 ayat (13) huruf a: steps in their realistic order): a request is
/// approved or rejected; an approval can be revoked; a rejected or revoked subscription can be approved again.
/// </summary>
public static class SubscriptionLifecycle
{
    private static readonly Dictionary<SubscriptionStatus, SubscriptionStatus[]> Allowed = new()
    {
        [SubscriptionStatus.Requested] = [SubscriptionStatus.Approved, SubscriptionStatus.Rejected],
        [SubscriptionStatus.Approved] = [SubscriptionStatus.Revoked],
        [SubscriptionStatus.Rejected] = [SubscriptionStatus.Approved],
        [SubscriptionStatus.Revoked] = [SubscriptionStatus.Approved],
    };

    public static bool CanMove(SubscriptionStatus from, SubscriptionStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<SubscriptionStatus> NextFrom(SubscriptionStatus from) => Allowed[from];
}
