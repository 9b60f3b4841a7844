namespace SpbeConnector.Portal.Components.Accounts;

/// <summary>
/// The second step of a sign-in: which way the person chose (a recovery code or the authenticator app), what the
/// account has enrolled (an app, how many passkeys), the refusal of the last attempt if any, and where the person was
/// going (already checked to be a portal path).
/// </summary>
public sealed record SecondStepModel(bool Recovery, bool Authenticator, int Passkeys, string? Refusal, string? ReturnUrl)
{
    /// <summary>The address's query that carries <see cref="ReturnUrl"/> from one form of the step to the next.</summary>
    public string Query => string.IsNullOrEmpty(ReturnUrl) ? "" : "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl);
}
