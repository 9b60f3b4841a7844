namespace SpbeConnector.Registry.Domain;

/// <summary>
/// The signed letter of an external authority's decision (the ministry's operational feasibility consideration, the
/// national cyber agency's security one: Kabupaten Bekasi Pasal 15 ayat (2) huruf c-d, TTS Pasal 15 ayat (2)), as
/// uploaded when the decision was recorded. Its SHA-256 is on the decision and in the audit log.
/// </summary>
public sealed class DecisionLetter
{
    /// <summary>The <see cref="OnboardingDecision"/> it documents.</summary>
    public Guid DecisionId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}
