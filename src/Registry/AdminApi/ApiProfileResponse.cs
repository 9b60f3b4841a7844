using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>An API's registration profile as the admin API shows it (empty fields when none was recorded yet).</summary>
public sealed record ApiProfileResponse(
    Guid ApiId,
    string OwnerContact,
    string PseRegistrationNumber,
    decimal SlaTargetPercent,
    IReadOnlyList<string> Plans,
    IReadOnlyList<string> Tags,
    DateTimeOffset? UpdatedAt)
{
    public static ApiProfileResponse From(ApiProfile profile) =>
        new(profile.ApiId, profile.OwnerContact, profile.PseRegistrationNumber, profile.SlaTargetPercent, profile.Plans, profile.Tags,
            profile.UpdatedAt == default ? null : profile.UpdatedAt);
}
