using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Onboarding;

/// <summary>What a publisher gives when registering an API of their OPD in the portal.</summary>
public sealed record ApiRegistration(
    string OpdCode,
    string Name,
    string Slug,
    string Version,
    string? Description,
    string UpstreamUrl,
    bool AllowInsecureUpstream,
    string? OpenApiDocument,
    InformationClassification Classification,
    IReadOnlyList<string> Plans,
    IReadOnlyList<string> Tags,
    string OwnerContact,
    string PseRegistrationNumber,
    string? SlaTargetPercent);
