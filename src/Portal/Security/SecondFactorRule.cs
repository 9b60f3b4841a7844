using System.Security.Claims;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Security;

/// <summary>
/// Who must prove a second factor (Pasal 59 ayat (6) huruf c: a protected administrator interface; ayat (4): password
/// management alone is not enough for those who decide or oversee): the platform administrator, both reviewers (they
/// grant kelaikan) and the security auditor. Such a person acts only in a session where a second factor (passkey,
/// authenticator code or recovery code) was presented, or one was enrolled; otherwise every page leads to enrolment.
/// Public for the admin and audit APIs, which accept the same session.
/// </summary>
public static class SecondFactorRule
{
    /// <summary>Where a person enrols a second factor (and manages passkeys, authenticator and recovery codes).</summary>
    public const string EnrolmentPath = "/portal/akun/faktor-kedua";

    public static bool IsRequiredFor(PortalRole role) => role is PortalRole.PlatformAdministrator or PortalRole.OperationalReviewer
        or PortalRole.SecurityReviewer or PortalRole.SecurityAuditor;

    /// <summary>Whether this session was signed in (or enrolled) with a second factor.</summary>
    public static bool WasPresented(ClaimsPrincipal user) => user.HasClaim(PortalSessionDefaults.SecondFactorClaim, "true");

    /// <summary>Whether this signed-in person may act: their role needs no second factor, or this session has one.</summary>
    public static bool IsSatisfied(ClaimsPrincipal user) =>
        PortalPrincipal.From(user) is { } person && (!IsRequiredFor(person.Role) || WasPresented(user));
}
