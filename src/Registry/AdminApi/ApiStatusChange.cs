using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>The body of a lifecycle move: the state the API should move to.</summary>
public sealed record ApiStatusChange(ApiStatus Status);
