namespace SpbeConnector.Policies.Authentication;

/// <summary>
/// The outcome of validating a token: the token, or why it failed, as a short reason for the decision record
/// (never raw input) and a description for the client.
/// </summary>
public readonly record struct TokenCheck(ValidatedAccessToken? Token, string Reason, string Description)
{
    public static TokenCheck Valid(ValidatedAccessToken token) => new(token, "token_valid", "");

    public static TokenCheck Invalid(string reason, string description) => new(null, reason, description);
}
