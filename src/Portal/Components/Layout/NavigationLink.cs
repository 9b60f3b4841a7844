using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Components.Layout;

/// <summary>One entry of the portal's menu: where it goes and the key of its text.</summary>
public sealed record NavigationLink(string Href, string Key)
{
    /// <summary>The menu of a signed-in user by role (Pasal 59 ayat (6) huruf a: each sees what the role may do); none before sign-in.</summary>
    public static IReadOnlyList<NavigationLink> For(PortalPrincipal? user)
    {
        if (user is null || user.MustChangePassword)
            return [];
        var links = new List<NavigationLink> { new("/portal/katalog", "nav.catalog") };
        if (user.Is(PortalRole.ApiPublisher, PortalRole.PlatformAdministrator))
            links.Add(new("/portal/api", "nav.apis"));
        if (user.Is(PortalRole.OperationalReviewer, PortalRole.SecurityReviewer, PortalRole.PlatformAdministrator))
            links.Add(new("/portal/tinjauan", "nav.reviews"));
        if (user.Is(PortalRole.ApiPublisher))
            links.Add(new("/portal/langganan", "nav.subscriptionRequests"));
        if (user.Is(PortalRole.ApplicationDeveloper))
            links.Add(new("/portal/aplikasi", "nav.applications"));
        if (user.Is(PortalRole.SecurityAuditor, PortalRole.SecurityReviewer))
            links.Add(new("/portal/keamanan", "nav.security"));
        if (ServiceLevelReportAccess.MayRead(user))
            links.Add(new(ServiceLevelReportAccess.Path, "nav.sla"));
        if (ComplianceReportAccess.MayRead(user))
            links.Add(new(ComplianceReportAccess.Path, "nav.compliance"));
        if (user.Is(PortalRole.PlatformAdministrator))
        {
            links.Add(new("/portal/opd", "nav.opds"));
            links.Add(new("/portal/paket", "nav.plans"));
            links.Add(new("/portal/pengguna", "nav.accounts"));
        }
        links.Add(new("/portal/kata-sandi", "nav.password"));
        return links;
    }

    /// <summary>The href of the link the page at <paramref name="path"/> belongs to: the longest one it starts with.</summary>
    public static string? Current(IEnumerable<NavigationLink> links, PathString path) => links
        .Where(l => path.StartsWithSegments(l.Href, StringComparison.OrdinalIgnoreCase))
        .MaxBy(l => l.Href.Length)?.Href;
}
