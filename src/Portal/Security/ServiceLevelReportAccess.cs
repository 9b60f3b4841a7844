using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Security;

/// <summary>
/// Who reads the portal's SLA report (Kota Bekasi Pasal 60 ayat (3) huruf m): the platform administrator, the reviewers
/// and the security auditor oversee every API; an API publisher answers for the APIs of their own OPD only (Pasal 59
/// ayat (6) huruf a: authorization per user); application developers consume APIs and have no part in it. One place,
/// so that the menu, the start page and the report itself agree.
/// </summary>
public static class ServiceLevelReportAccess
{
    public const string Path = "/portal/sla";

    public static bool MayRead(PortalPrincipal user) => user.Is(PortalRole.PlatformAdministrator, PortalRole.OperationalReviewer,
        PortalRole.SecurityReviewer, PortalRole.SecurityAuditor, PortalRole.ApiPublisher);

    /// <summary>The one OPD whose figures <paramref name="user"/> sees, or null when they see every OPD's.</summary>
    public static string? LimitedTo(PortalPrincipal user) => user.Role == PortalRole.ApiPublisher ? user.OpdCode ?? "" : null;

    /// <summary>Whether <paramref name="user"/> sees the figures of the OPD <paramref name="opdCode"/> in the report.</summary>
    public static bool Covers(PortalPrincipal user, string opdCode) =>
        MayRead(user) && (LimitedTo(user) is not { } own || string.Equals(own, opdCode, StringComparison.Ordinal));
}
