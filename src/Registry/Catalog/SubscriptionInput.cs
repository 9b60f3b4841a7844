namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// A client's request to use an API, optionally limited to some of the API's scopes (none: all of them), under a
/// plan (none: <c>Bronze</c>). Administrator-only plans cannot be requested; an administrator attaches them. The purpose
/// is required: the OPD's publisher or data owner decides knowing what the data is for (REG-11).
/// </summary>
public sealed record SubscriptionInput(string ClientId, Guid ApiId, IReadOnlyList<string>? Scopes = null, string? Plan = null, string? Purpose = null);
