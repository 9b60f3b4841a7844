namespace SpbeConnector.Portal.Accounts;

/// <summary>What second factors an account has enrolled.</summary>
public sealed record SecondFactorState(bool Authenticator, int Passkeys, int RecoveryCodesLeft)
{
    public bool Any => Authenticator || Passkeys > 0;
}
