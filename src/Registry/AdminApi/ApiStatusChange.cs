using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The body of a lifecycle move: the state the API should move to, and the reason of an emergency act (Suspended,
/// Retired: required) or the notes of a resumption.
/// </summary>
public sealed record ApiStatusChange(ApiStatus Status, string? Reason = null);
