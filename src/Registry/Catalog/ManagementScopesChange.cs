namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Marks a client as a management client with these management scopes, or (no scopes) takes the mark away: its
/// management tokens are refused from the next request on.
/// </summary>
public sealed record ManagementScopesChange(IReadOnlyList<string> Scopes);
