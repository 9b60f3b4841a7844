namespace SpbeConnector.Portal.Applications;

/// <summary>
/// A short-lived access token the portal obtained for a developer's application, to try one API with; its id (<c>jti</c>)
/// goes to the audit log, so that each call made with it can be traced to its issuance.
/// </summary>
public sealed record TryOutToken(string TokenId, string AccessToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes);
