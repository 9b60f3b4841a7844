using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Accounts;

namespace SpbeConnector.Portal.Components.Accounts;

/// <summary>
/// A person's own second factors: what is enrolled, whether the role requires one, the outcome of the last action,
/// the recovery codes to show once (after an enrolment or a renewal), and, while no authenticator app is set up, the
/// key to enter in one (with its otpauth address).
/// </summary>
public sealed record SecondFactorModel(
    SecondFactorState State,
    bool Required,
    string ReturnUrl,
    string? Outcome,
    FormErrors Errors,
    IReadOnlyList<string>? RecoveryCodes,
    PendingAuthenticator? Authenticator);
