using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using SpbeConnector.Audit.Api;
using SpbeConnector.Registry.AdminApi;

namespace SpbeConnector.Gateway.OpenApi;

/// <summary>
/// The gateway's own OpenAPI documents, generated from the endpoints: the admin API at <c>/openapi/admin.json</c> and
/// the security team's audit API at <c>/openapi/audit.json</c>, both shown by Swagger UI at <c>/admin/docs</c>. The
/// checked-in copies in <c>openapi/admin-api.json</c> and <c>openapi/audit-api.json</c> must match them (a test
/// compares them).
/// </summary>
public static class OpenApiDocuments
{
    public const string AdminDocumentPath = "/openapi/admin.json";
    public const string AuditDocumentPath = "/openapi/audit.json";
    public const string AdminSecurityScheme = "adminToken";
    public const string AuditorSecurityScheme = "auditorToken";
    public static readonly PathString DocsPath = "/admin/docs";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services)
    {
        AddDocument(services, AdminApiEndpoints.DocumentName, "SPBE Connector Admin API",
            "Administration of the Sistem Penghubung Layanan: OPDs, APIs and the API lifecycle. " +
            "Every operation requires a named caller: a management client's access token with the scope spbe.admin " +
            "(client credentials at /oauth2/token), or a platform administrator's portal session (cookie, and X-CSRF-TOKEN for a change: " +
            "the anti-forgery token of the session's portal forms). The approval workflow's operations (tag Approval, and MoveSubscription) " +
            "are also open to its deciders' portal sessions: the operational and security reviewers; for MoveSubscription, an OPD's " +
            "publisher or data owner and the security reviewer. The workflow refuses whoever is not the one to decide. " +
            "The first-start token only creates the first administrator (BootstrapAdministrator).",
            AdminSecurityScheme, "A management client's access token with spbe.admin; for BootstrapAdministrator only, the first-start token (Admin:Token).",
            everyOperation: true);
        AddDocument(services, AuditApiDefaults.DocumentName, "SPBE Connector Audit API",
            "The tamper-evident audit log (Pasal 59 ayat (9) huruf d and e): receipt keys, signed checkpoints and " +
            "consistency proofs for anyone; records, inclusion proofs and exports for the security team: a security auditor's " +
            "portal session, or a management client's access token with the scope spbe.audit.",
            AuditorSecurityScheme, "A management client's access token with spbe.audit (spbe.admin does not open the log).",
            everyOperation: false);
        return services;
    }

    /// <param name="everyOperation">
    /// True: the credential is required by the whole document. False: only by the operations that require
    /// authorization (the audit API's checkpoints and proofs are public, so that anyone can check the log).
    /// </param>
    private static void AddDocument(IServiceCollection services, string name, string title, string description,
        string schemeName, string schemeDescription, bool everyOperation) =>
        services.AddOpenApi(name, o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = title, Version = "v1", Description = description };
                // Relative: the document must be the same whichever address the gateway listens on.
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[schemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = schemeDescription,
                };
                if (everyOperation)
                    document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(schemeName, document)] = [] }];
                return Task.CompletedTask;
            });
            if (!everyOperation)
                o.AddOperationTransformer((operation, context, _) =>
                {
                    if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(schemeName, context.Document)] = [] }];
                    return Task.CompletedTask;
                });
        });

    public static void MapGatewayOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        // Swagger UI is a middleware that matches every request's path with a regular expression: branch to it only
        // under its own prefix, so proxied requests do not pay for it (docs/performance.md).
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(DocsPath),
            docs => docs.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = DocsPath.Value![1..];
                ui.DocumentTitle = "SPBE Connector APIs";
                ui.SwaggerEndpoint(AdminDocumentPath, "Admin API v1");
                ui.SwaggerEndpoint(AuditDocumentPath, "Audit API v1");
            }));
    }
}
