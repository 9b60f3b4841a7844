namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// An API's registration profile as its publisher typed it on the change form: owner contact, PSE number, SLA promise,
/// the plans chosen among the registry's, labels. On a draft it is saved at once; on a live API a difference from the
/// profile in force is proposed as a change request (issue 18: the owner contact and the PSE number are security-relevant,
/// the plans offered decide what subscribers may ask for).
/// </summary>
public sealed record ProfileDetails(string OwnerContact, string PseRegistrationNumber, string SlaTargetPercent, IReadOnlyList<string> Plans, IReadOnlyList<string> Tags);
