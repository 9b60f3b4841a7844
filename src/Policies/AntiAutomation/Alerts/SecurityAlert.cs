namespace SpbeConnector.Policies.AntiAutomation.Alerts;

/// <summary>
/// A warning for the security team (Pasal 59 ayat (6) huruf b, ayat (13) huruf e): what was seen, about whom,
/// and the evidence (counts, window, sample request ids) to find the exchanges in the audit log.
/// </summary>
public sealed record SecurityAlert(
    Guid Id,
    DateTimeOffset Time,
    string Kind,
    string Subject,
    string Summary,
    IReadOnlyDictionary<string, string> Evidence,
    IReadOnlyList<string> SampleRequestIds,
    string Action);
