namespace SpbeConnector.Registry.Domain;

/// <summary>
/// Where an API stands in the portal's onboarding: the feasibility review before an OPD provides a service through the
/// connector (GOV-01; Kota Bekasi Pasal 22 ayat (3) huruf c-d), in one combined stage or two (operational, then security).
/// </summary>
public enum OnboardingStage
{
    /// <summary>Being prepared by its publisher (also after a rejection).</summary>
    Draft,
    /// <summary>Waiting for the one combined decision (Diskominfo).</summary>
    AwaitingCombinedReview,
    /// <summary>Waiting for the operational feasibility decision.</summary>
    AwaitingOperationalReview,
    /// <summary>Operationally approved; waiting for the security feasibility decision.</summary>
    AwaitingSecurityReview,
    /// <summary>Approved and published to the gateway.</summary>
    Published,
}
