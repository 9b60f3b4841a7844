namespace SpbeConnector.Portal.Components.Accounts;

/// <summary>The authenticator key not yet confirmed, grouped for typing, and the address an app reads from a QR code.</summary>
public sealed record PendingAuthenticator(string Key, string Uri);
