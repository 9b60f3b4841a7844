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
        [ApiStatus.Published] = [ApiStatus.Deprecated, ApiStatus.Retired],
        [ApiStatus.Deprecated] = [ApiStatus.Published, ApiStatus.Retired],
        [ApiStatus.Retired] = [],
    };

    public static bool CanMove(ApiStatus from, ApiStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<ApiStatus> NextFrom(ApiStatus from) => Allowed[from];

    /// <summary>Whether the gateway routes traffic to an API in this state.</summary>
    public static bool IsRouted(ApiStatus status) => status is ApiStatus.Published or ApiStatus.Deprecated;
}
