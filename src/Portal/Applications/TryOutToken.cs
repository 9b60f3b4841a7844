namespace SpbeConnector.Portal.Applications;

/// <summary>A short-lived access token the portal obtained for a developer's application, to try one API with.</summary>
public sealed record TryOutToken(string AccessToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes);
