namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// A security reviewer's waiver for an API of Restricted information or above that has no OpenAPI document yet:
/// why, and until when. After <see cref="ExpiresAt"/> the API serves on, but no new change or publication is accepted.
/// </summary>
public sealed record ValidationWaiverInput(string? Reason, DateTimeOffset? ExpiresAt);
