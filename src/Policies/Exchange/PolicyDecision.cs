namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// One policy's verdict on a request: which policy, whether it let the request pass, and why (a short,
/// machine-readable reason such as <c>invalid_token</c> or <c>rate_limited</c>; never raw input or secrets).
/// Recorded with the exchange in the audit log (Pasal 59 ayat (9) huruf d).
/// </summary>
public sealed record PolicyDecision(string Policy, bool Allowed, string Reason);
