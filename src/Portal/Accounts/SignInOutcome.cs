namespace SpbeConnector.Portal.Accounts;

/// <summary>What a login attempt came to. Unknown user and wrong password are one outcome, so neither is revealed.</summary>
public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}
