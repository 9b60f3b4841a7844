using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.AdminApi.Security;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The admin API under <c>/admin/v1</c>: OPDs, APIs and the API lifecycle, client applications and subscriptions. Every endpoint requires the
/// platform administrator (Pasal 59 ayat (6) huruf c: the administrator-side interface is controlled).
/// </summary>
public static class AdminApiEndpoints
{
    public const string Prefix = "/admin/v1";
    public const string DocumentName = "admin";

    public static RouteGroupBuilder MapRegistryAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ManagementCallerDefaults.AdminPolicy)
            .AddEndpointFilter<AdminAuditFilter>()
            .WithGroupName(DocumentName)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var opds = admin.MapGroup("/opds").WithTags("OPD");
        opds.MapGet("/", async (RegistryCatalog catalog, CancellationToken ct) =>
                (await catalog.ListOpdsAsync(ct)).Select(OpdResponse.From).ToList())
            .WithName("ListOpds").WithSummary("List the OPDs (agencies)");
        opds.MapGet("/{code}", async Task<Results<Ok<OpdResponse>, ProblemHttpResult>> (string code, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindOpdAsync(code, ct) is { } opd ? TypedResults.Ok(OpdResponse.From(opd)) : AdminProblems.NotFound("OPD"))
            .WithName("GetOpd").WithSummary("Read one OPD");
        opds.MapPost("/", async (OpdInput input, RegistryCatalog catalog, CancellationToken ct) =>
            {
                var opd = await catalog.CreateOpdAsync(input, ct);
                return TypedResults.Created($"{Prefix}/opds/{opd.Code}", OpdResponse.From(opd));
            })
            .WithName("CreateOpd").WithSummary("Register an OPD")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        opds.MapPut("/{code}", async Task<Results<Ok<OpdResponse>, ProblemHttpResult>> (string code, OpdInput input, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.UpdateOpdAsync(code, input, ct) is { } opd ? TypedResults.Ok(OpdResponse.From(opd)) : AdminProblems.NotFound("OPD"))
            .WithName("UpdateOpd").WithSummary("Change an OPD's name or tenant domain")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var apis = admin.MapGroup("/apis").WithTags("API");
        apis.MapGet("/", async (string? opd, ApiStatus? status, RegistryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                (await catalog.ListApisAsync(opd, status, ct)).Select(a => ApiResponse.From(a, clock.GetUtcNow())).ToList())
            .WithName("ListApis").WithSummary("List the APIs, optionally of one OPD or in one lifecycle state");
        apis.MapGet("/{id:guid}", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, RegistryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("GetApi").WithSummary("Read one API");
        apis.MapGet("/{id:guid}/openapi", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { OpenApiDocument: { } doc } ? TypedResults.Text(doc, doc.TrimStart().StartsWith('{') ? "application/json" : "application/yaml") : AdminProblems.NotFound("OpenAPI document of API"))
            .WithName("GetApiOpenApiDocument").WithSummary("Read the OpenAPI document in force for an API");
        apis.MapGet("/{id:guid}/openapi/revisions", async Task<Results<Ok<List<ApiDocumentRevisionResponse>>, ProblemHttpResult>> (Guid id, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.ListDocumentRevisionsAsync(id, ct) is { } revisions ? TypedResults.Ok(revisions.Select(ApiDocumentRevisionResponse.From).ToList()) : AdminProblems.NotFound("API"))
            .WithName("ListApiOpenApiRevisions").WithSummary("List every revision of an API's OpenAPI document, newest first");
        apis.MapGet("/{id:guid}/openapi/revisions/{revision:int}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, int revision, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindDocumentRevisionAsync(id, revision, ct) is { } found ? TypedResults.Text(found.Content, found.Format == "json" ? "application/json" : "application/yaml") : AdminProblems.NotFound("OpenAPI document revision"))
            .WithName("GetApiOpenApiRevision").WithSummary("Read one revision of an API's OpenAPI document, as registered");
        apis.MapGet("/{id:guid}/validation", async Task<Results<Ok<ApiValidationSettings>, ProblemHttpResult>> (Guid id, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { } api ? TypedResults.Ok(api.Validation) : AdminProblems.NotFound("API"))
            .WithName("GetApiValidation").WithSummary("Read how the gateway checks an API's input, cookies and files");
        apis.MapPut("/{id:guid}/validation", async Task<Results<Ok<ApiValidationSettings>, ProblemHttpResult>> (Guid id, ApiValidationSettings settings, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.UpdateValidationAsync(id, settings, ct) is { } api ? TypedResults.Ok(api.Validation) : AdminProblems.NotFound("API"))
            .WithName("UpdateApiValidation")
            .WithSummary("Replace how the gateway checks an API's input, cookies and files; fields left out take their safe defaults; takes effect at once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        apis.MapGet("/{id:guid}/cors", async Task<Results<Ok<ApiCorsSettings>, ProblemHttpResult>> (Guid id, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { } api ? TypedResults.Ok(api.Cors) : AdminProblems.NotFound("API"))
            .WithName("GetApiCors").WithSummary("Read which browser origins may call an API across origins (CORS)");
        apis.MapPut("/{id:guid}/cors", async Task<Results<Ok<ApiCorsSettings>, ProblemHttpResult>> (Guid id, ApiCorsSettings settings, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.UpdateCorsAsync(id, settings, ct) is { } api ? TypedResults.Ok(api.Cors) : AdminProblems.NotFound("API"))
            .WithName("UpdateApiCors")
            .WithSummary("Replace which browser origins may call an API across origins, with which methods and headers; no origins (the default) turns CORS off; takes effect at once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        apis.MapPost("/", async (ApiInput input, RegistryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
            {
                var api = await catalog.CreateApiAsync(input, ct);
                return TypedResults.Created($"{Prefix}/apis/{api.Id}", ApiResponse.From(api, clock.GetUtcNow()));
            })
            .WithName("CreateApi").WithSummary("Register an API of an OPD (it starts as a draft)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        apis.MapPut("/{id:guid}", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ApiUpdate input, RegistryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                await catalog.UpdateApiAsync(id, input, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("UpdateApi").WithSummary("Change an API's upstreams, document, classification or description; takes effect at once. A changed OpenAPI document becomes a new revision; a null document keeps the current one")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        apis.MapPost("/{id:guid}/status", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ApiStatusChange change, RegistryCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                await catalog.MoveApiAsync(id, change.Status, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("MoveApi").WithSummary("Move an API through its lifecycle (draft, submitted, approved, published, deprecated, retired)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapClientAdminApi();
        admin.MapPlanAdminApi();
        admin.MapSigningKeyAdminApi();
        admin.MapStandingRuleAdminApi();
        return admin;
    }
}
