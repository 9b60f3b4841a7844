using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// The rules no setting can turn off (issue 18, "rules that cannot be configured away"): they hold for every API,
/// whoever changes it (admin API, portal, demo), and an API stored before them that breaks one is listed for the
/// security reviewers (<see cref="StandingRuleCatalog.ListRuleViolationsAsync"/>) and changes no further until fixed.
/// </summary>
public static partial class RegistryRules
{
    /// <summary>The lowest service level an OPD may promise, in percent (Kota Bekasi Pasal 60 ayat (3) huruf m).</summary>
    public const decimal MinimumSlaTargetPercent = 95m;

    /// <summary>The longest a validation waiver may run before a security reviewer looks at the API again.</summary>
    public static readonly TimeSpan MaximumWaiverDuration = TimeSpan.FromDays(366);

    /// <summary>Whether information of this classification is only ever served to certificate-bound tokens, never publicly.</summary>
    public static bool NeverPublic(InformationClassification classification) =>
        classification is InformationClassification.Exempt or InformationClassification.Secret;

    /// <summary>Whether information of this classification needs an OpenAPI document (and so request validation) or a waiver.</summary>
    public static bool NeedsDocument(InformationClassification classification) => classification != InformationClassification.Public;

    /// <summary>
    /// The standing rules for an API as it is (or would be after a change) at <paramref name="now"/>; empty when it
    /// meets them. The document rule applies once the API leaves Draft (a draft is prepared, not yet reviewed).
    /// </summary>
    public static RegistryProblems CheckStanding(Api api, DateTimeOffset now) =>
        CheckStanding(api.Classification, api.IsPublic, api.OpenApiDocument is not null, api.ValidationWaiverExpiresAt, api.Status, now);

    public static RegistryProblems CheckStanding(InformationClassification classification, bool isPublic, bool hasDocument,
        DateTimeOffset? waiverExpiresAt, ApiStatus status, DateTimeOffset now)
    {
        var errors = new RegistryProblems();
        // Pasal 59 ayat (6) huruf d (token correctness verified for exempt information) and Pasal 60 ayat (3) huruf i
        // (certificates): exempt and secret information is served only to certificate-bound tokens (RFC 8705).
        if (isPublic && NeverPublic(classification))
            errors.Add("isPublic", RegistryMessages.StandingNeverPublic, ("classification", classification));
        // Pasal 60 ayat (3) huruf g and l, ayat (5) huruf c and e: input is validated against the API's contract, which
        // the gateway can do only with the API's OpenAPI document.
        var waived = waiverExpiresAt is { } until && until > now;
        if (status is not (ApiStatus.Draft or ApiStatus.Retired) && NeedsDocument(classification) && !hasDocument && !waived)
        {
            if (waiverExpiresAt is { } expired)
                errors.Add("openApiDocument", RegistryMessages.StandingWaiverExpired, ("expiredAt", expired), ("classification", classification));
            else
                errors.Add("openApiDocument", RegistryMessages.StandingDocumentMissing, ("classification", classification));
        }
        return errors;
    }

    /// <summary>The service level an OPD promises: at least 95% (Kota Bekasi Pasal 60 ayat (3) huruf m), at most 100%.</summary>
    public static RegistryProblem? CheckSlaTarget(decimal percent) =>
        percent < MinimumSlaTargetPercent || percent > 100
            ? RegistryProblem.Of("slaTargetPercent", RegistryMessages.SlaTargetRange, ("min", MinimumSlaTargetPercent))
            : null;

    /// <summary>A waiver names its reason and ends in the future, within <see cref="MaximumWaiverDuration"/>.</summary>
    public static RegistryProblems Check(ValidationWaiverInput input, DateTimeOffset now)
    {
        var errors = new RegistryProblems();
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 1000)
            errors.Add("reason", RegistryMessages.WaiverReason);
        if (input.ExpiresAt is not { } expires || expires <= now || expires > now + MaximumWaiverDuration)
            errors.Add("expiresAt", RegistryMessages.WaiverExpiresAt, ("days", (int)MaximumWaiverDuration.TotalDays));
        return errors;
    }
}
