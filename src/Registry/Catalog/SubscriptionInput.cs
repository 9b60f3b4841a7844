namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// A client's request to use an API, optionally limited to some of the API's scopes (none: all of them), under a
/// plan (none: <c>Bronze</c>). Administrator-only plans cannot be requested; an administrator attaches them.
/// </summary>
public sealed record SubscriptionInput(string ClientId, Guid ApiId, IReadOnlyList<string>? Scopes = null, string? Plan = null);
