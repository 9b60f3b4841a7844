using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>A login attempt's outcome; on success the account, and whether its password must be changed first.</summary>
public sealed record SignInResult(SignInOutcome Outcome, PortalAccount? Account = null, bool MustChangePassword = false, DateTimeOffset? LockedUntil = null);
