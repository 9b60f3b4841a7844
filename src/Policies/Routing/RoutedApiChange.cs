using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.Routing;

/// <summary>
/// What one reload of the routes changed: the APIs new or changed (their view differs from the one before) and those
/// no longer routed. <see cref="Initial"/> for the first load, where every API is new. Steps that prepare something per
/// API ahead of its requests (compiled contracts) redo it for these APIs only.
/// </summary>
public sealed record RoutedApiChange(IReadOnlyCollection<PublishedApi> Changed, IReadOnlyCollection<Guid> Removed, bool Initial);
