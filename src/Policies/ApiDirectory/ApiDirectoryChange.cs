using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Policies.ApiDirectory;

/// <summary>
/// What one update of the <see cref="PublishedApiDirectory"/> changed: the APIs new or changed (their view differs from
/// the one before) and those no longer routed. <see cref="Initial"/> for the first load, where every API is new.
/// Policies that prepare something per API (compiled contracts) redo it for these APIs only.
/// </summary>
public sealed record ApiDirectoryChange(IReadOnlyCollection<PublishedApi> Changed, IReadOnlyCollection<Guid> Removed, bool Initial);
