using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Security;

/// <summary>
/// Who reads the compliance report in the portal: those who grant or check kelaikan keamanan (the security reviewer,
/// the security auditor) and the platform administrator who must act on it. Developers and publishers do not (Pasal 59
/// ayat (6) huruf a): it lists the installation's weak points. One place, so that the menu and the page agree.
/// </summary>
public static class ComplianceReportAccess
{
    public const string Path = "/portal/kepatuhan";

    public static bool MayRead(PortalPrincipal user) =>
        user.Is(PortalRole.PlatformAdministrator, PortalRole.SecurityReviewer, PortalRole.SecurityAuditor);
}
