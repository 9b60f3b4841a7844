using Microsoft.OpenApi;
using SpbeConnector.Registry.AdminApi;

namespace SpbeConnector.Gateway.OpenApi;

/// <summary>
/// The admin API's own OpenAPI document, generated from the endpoints at <c>/openapi/admin.json</c>, with Swagger UI
/// at <c>/admin/docs</c>. The checked-in copy in <c>openapi/admin-api.json</c> must match it (a test compares them).
/// </summary>
public static class AdminOpenApiSetup
{
    public const string DocumentPath = "/openapi/admin.json";
    public const string SecuritySchemeName = "adminToken";
    public static readonly PathString DocsPath = "/admin/docs";

    public static IServiceCollection AddAdminOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(AdminApiEndpoints.DocumentName, o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SPBE Connector Admin API",
                Version = "v1",
                Description = "Administration of the Sistem Penghubung Layanan: OPDs, APIs and the API lifecycle. " +
                              "Every operation requires the administrator token as a bearer credential.",
            };
            // Relative: the document must be the same whichever address the gateway listens on.
            document.Servers = [new OpenApiServer { Url = "/" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The administrator token (Admin:Token, or the one shown once at first start).",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }];
            return Task.CompletedTask;
        }));

    public static void MapAdminOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        // Swagger UI is a middleware that matches every request's path with a regular expression: branch to it only
        // under its own prefix, so proxied requests do not pay for it (docs/performance.md).
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(DocsPath),
            docs => docs.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = DocsPath.Value![1..];
                ui.DocumentTitle = "SPBE Connector Admin API";
                ui.SwaggerEndpoint(DocumentPath, "Admin API v1");
            }));
    }
}
