namespace SpbeConnector.Portal.Components.Accounts;

/// <summary>
/// The sign-in page: the name typed (kept after a refusal), the refusal if any, and where the person was going (already
/// checked to be a portal path), which the password form keeps in its address and the passkey form in a field.
/// </summary>
public sealed record SignInModel(string? Username, string? Refusal, string? ReturnUrl);
