using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>The start page after login: what this role can do, one link each.</summary>
public static class HomePage
{
    public static void Map(RouteGroupBuilder signedIn) => signedIn.MapGet("/", (HttpContext http) =>
    {
        var page = new PortalPage(http);
        var t = page.T;
        var user = page.User!;
        var tasks = new List<(string Href, string Key)> { ("/portal/katalog", "home.catalog") };
        switch (user.Role)
        {
            case PortalRole.ApiPublisher:
                tasks.Add(("/portal/api/baru", "home.registerApi"));
                tasks.Add(("/portal/api", "home.myApis"));
                tasks.Add(("/portal/langganan", "home.subscriptionRequests"));
                break;
            case PortalRole.ApplicationDeveloper:
                tasks.Add(("/portal/aplikasi", "home.applications"));
                break;
            case PortalRole.OperationalReviewer or PortalRole.SecurityReviewer:
                tasks.Add(("/portal/tinjauan", "home.reviews"));
                break;
            case PortalRole.PlatformAdministrator:
                tasks.Add(("/portal/pengguna", "home.accounts"));
                tasks.Add(("/portal/opd", "home.opds"));
                tasks.Add(("/portal/tinjauan", "home.reviews"));
                break;
        }
        if (user.Is(PortalRole.SecurityAuditor, PortalRole.SecurityReviewer))
            tasks.Add(("/portal/keamanan", "home.security"));
        if (ServiceLevelReportAccess.MayRead(user))
            tasks.Add((ServiceLevelReportAccess.Path, "home.sla"));
        var changed = http.Request.Query.ContainsKey("changed") ? page.Notice(t["password.changed"], "success") : HtmlFragment.Empty;
        var opd = user.OpdCode is null ? HtmlFragment.Empty : H($"<p>{t.Format("home.opd", user.OpdCode)}</p>");
        var body = H($"""
            {changed}
            <p>{t.Format("home.welcome", user.Username, page.RoleName(user.Role))}</p>
            {opd}
            <ul class="tasks">{tasks.Select(task => H($"<li><a href=\"{task.Href}\">{t[task.Key]}</a></li>"))}</ul>
            """);
        return page.Render(t["home.title"], body);
    });
}
