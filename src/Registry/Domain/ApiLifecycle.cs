namespace SpbeConnector.Registry.Domain;

/// <summary>
/// The allowed moves of an API through its lifecycle (REG-06). Steps happen in their realistic order
/// (Pasal 59 ayat (13) huruf a): an API cannot be published before it is approved, nor revived once retired.
/// </summary>
public static class ApiLifecycle
{
    private static readonly Dictionary<ApiStatus, ApiStatus[]> Allowed = new()
    {
        [ApiStatus.Draft] = [ApiStatus.Submitted, ApiStatus.Retired],
        [ApiStatus.Submitted] = [ApiStatus.Approved, ApiStatus.Draft, ApiStatus.Retired],
        [ApiStatus.Approved] = [ApiStatus.Published, ApiStatus.Draft, ApiStatus.Retired],
        [ApiStatus.Published] = [ApiStatus.Deprecated, ApiStatus.Suspended, ApiStatus.Retired],
        [ApiStatus.Deprecated] = [ApiStatus.Published, ApiStatus.Suspended, ApiStatus.Retired],
        [ApiStatus.Suspended] = [ApiStatus.Published, ApiStatus.Retired],
        [ApiStatus.Retired] = [],
    };

    public static bool CanMove(ApiStatus from, ApiStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<ApiStatus> NextFrom(ApiStatus from) => Allowed[from];

    /// <summary>
    /// Whether the API is live or has been: its approved settings are what the gateway serves (or served before a
    /// suspension), so a change to them is a change request that takes effect only once approved.
    /// </summary>
    public static bool IsLive(ApiStatus status) => status is ApiStatus.Published or ApiStatus.Deprecated or ApiStatus.Suspended;

    /// <summary>Whether the API waits in review: its settings are what the reviewers read, so nothing changes them.</summary>
    public static bool IsInReview(ApiStatus status) => status is ApiStatus.Submitted or ApiStatus.Approved;

    /// <summary>Whether the gateway routes traffic to an API in this state.</summary>
    public static bool IsRouted(ApiStatus status) => status is ApiStatus.Published or ApiStatus.Deprecated;
}
