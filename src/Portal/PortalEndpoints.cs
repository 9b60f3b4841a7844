using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Portal.Accounts.Pages;
using SpbeConnector.Portal.Pages;
using SpbeConnector.Portal.Security;

namespace SpbeConnector.Portal;

/// <summary>The registry portal under <c>/portal</c>: server-rendered pages, its stylesheet, nothing from elsewhere.</summary>
public static class PortalEndpoints
{
    public const string Prefix = "/portal";

    public static RouteGroupBuilder MapRegistryPortal(this IEndpointRouteBuilder endpoints)
    {
        var portal = endpoints.MapGroup(Prefix).AddEndpointFilter<PortalRequestFilter>().ExcludeFromDescription();
        portal.MapGet("/static/portal.css", () => Results.Text(Stylesheet.Value, "text/css; charset=utf-8"));
        portal.MapGet(Rendering.RegionLogo.Path["/portal".Length..], (Microsoft.Extensions.Options.IOptions<PortalOptions> options) => Rendering.RegionLogo.Serve(options.Value));
        portal.MapGet("/static/portal-swagger.js", () => Results.Text(SwaggerScript.Value, "text/javascript; charset=utf-8"));
        portal.MapGet("/static/portal-swagger-labels.json", (HttpContext http) => Results.Json(Rendering.SwaggerLabels.For(Rendering.PortalText.For(http))));
        portal.MapGet("/static/portal-copy.js", () => Results.Text(CopyScript.Value, "text/javascript; charset=utf-8"));
        portal.MapGet("/static/portal-tryout.js", () => Results.Text(TryOutScript.Value, "text/javascript; charset=utf-8"));
        portal.MapGet("/static/portal-passkey.js", () => Results.Text(PasskeyScript.Value, "text/javascript; charset=utf-8"));

        var open = portal.MapGroup("");
        var signedIn = portal.MapGroup("").RequireAuthorization(PortalSessionDefaults.Policy);
        AccountPages.Map(open, signedIn);
        HomePage.Map(signedIn);
        AccountAdministrationPages.Map(signedIn);
        SecondFactorPages.Map(signedIn);
        OpdPages.Map(signedIn);
        PlanPages.Map(signedIn);
        OnboardingPages.Map(signedIn);
        ReviewPages.Map(signedIn);
        ApplicationPages.Map(signedIn);
        SubscriptionRequestPages.Map(signedIn);
        CatalogPages.Map(signedIn);
        return portal;
    }

    private static readonly Lazy<string> Stylesheet = new(() => Resource("portal.css"));
    private static readonly Lazy<string> SwaggerScript = new(() => Resource("portal-swagger.js"));
    private static readonly Lazy<string> CopyScript = new(() => Resource("portal-copy.js"));
    private static readonly Lazy<string> TryOutScript = new(() => Resource("portal-tryout.js"));
    private static readonly Lazy<string> PasskeyScript = new(() => Resource("portal-passkey.js"));

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SpbeConnector.Portal.Resources." + name)!;
        return new StreamReader(stream).ReadToEnd();
    }
}
