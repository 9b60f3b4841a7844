namespace SpbeConnector.Portal.Onboarding;

/// <summary>The onboarding details of a draft its publisher edits with the API's settings: contact, PSE number, SLA promise, plans, labels.</summary>
public sealed record DraftDetails(string OwnerContact, string PseRegistrationNumber, string SlaTargetPercent, IReadOnlyList<string> Plans, IReadOnlyList<string> Tags);
