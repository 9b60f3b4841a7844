using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Accounts;

/// <summary>
/// The password change: what was wrong with the last attempt, whether the change is owed (a new account's or a reset
/// password, which must be changed before anything else), and the rules a new password must meet.
/// </summary>
public sealed record PasswordModel(FormErrors Errors, bool MustChange, int MinimumLength, int CharacterTypes);
