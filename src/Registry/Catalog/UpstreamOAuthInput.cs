namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// An upstream protected by its own OAuth 2.0 authorization server: its token endpoint and this gateway's client
/// credentials there. The secret is write-only: on a change without one, the stored secret is kept.
/// </summary>
public sealed record UpstreamOAuthInput(string TokenEndpoint, string ClientId, string? ClientSecret, string? Scope = null);
