namespace SpbeConnector.Registry.Contracts;

/// <summary>The routed APIs at one configuration version of the registry.</summary>
public sealed record PublishedApiSnapshot(long ConfigVersion, IReadOnlyList<PublishedApi> Apis);
