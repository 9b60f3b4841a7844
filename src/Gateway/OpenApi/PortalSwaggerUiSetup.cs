using SpbeConnector.Portal.Pages;

namespace SpbeConnector.Gateway.OpenApi;

/// <summary>
/// Serves Swagger UI's assets (from the Swashbuckle.AspNetCore.SwaggerUI package, no CDN) under
/// <see cref="CatalogPages.SwaggerUiPrefix"/> for the portal's API pages, which render each API's stored document.
/// </summary>
public static class PortalSwaggerUiSetup
{
    public static void MapPortalSwaggerUi(this WebApplication app)
    {
        var prefix = new PathString(CatalogPages.SwaggerUiPrefix);
        // Branch only under its prefix, as for the admin docs: proxied requests never pass through it.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(prefix),
            assets => assets.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = prefix.Value![1..];
                ui.DocumentTitle = "SPBE Connector";
            }));
    }
}
