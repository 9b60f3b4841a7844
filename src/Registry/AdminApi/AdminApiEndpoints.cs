using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.AdminApi.Security;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The admin API under <c>/admin/v1</c>: OPDs and APIs and the API lifecycle. Every endpoint requires the
/// platform administrator (Pasal 59 ayat (6) huruf c: the administrator-side interface is controlled).
/// </summary>
public static class AdminApiEndpoints
{
    public const string Prefix = "/admin/v1";
    public const string DocumentName = "admin";

    public static RouteGroupBuilder MapRegistryAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(Prefix)
            .RequireAuthorization(AdminTokenDefaults.Policy)
            .AddEndpointFilter<AdminAuditFilter>()
            .WithGroupName(DocumentName)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var opds = admin.MapGroup("/opds").WithTags("OPD");
        opds.MapGet("/", async (RegistryCatalog catalog, CancellationToken ct) =>
                (await catalog.ListOpdsAsync(ct)).Select(OpdResponse.From).ToList())
            .WithName("ListOpds").WithSummary("List the OPDs (agencies)");
        opds.MapGet("/{code}", async Task<Results<Ok<OpdResponse>, ProblemHttpResult>> (string code, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindOpdAsync(code, ct) is { } opd ? TypedResults.Ok(OpdResponse.From(opd)) : NotFound("OPD"))
            .WithName("GetOpd").WithSummary("Read one OPD");
        opds.MapPost("/", async (OpdInput input, RegistryCatalog catalog, CancellationToken ct) =>
            {
                var opd = await catalog.CreateOpdAsync(input, ct);
                return TypedResults.Created($"{Prefix}/opds/{opd.Code}", OpdResponse.From(opd));
            })
            .WithName("CreateOpd").WithSummary("Register an OPD")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        opds.MapPut("/{code}", async Task<Results<Ok<OpdResponse>, ProblemHttpResult>> (string code, OpdInput input, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.UpdateOpdAsync(code, input, ct) is { } opd ? TypedResults.Ok(OpdResponse.From(opd)) : NotFound("OPD"))
            .WithName("UpdateOpd").WithSummary("Change an OPD's name or tenant domain")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var apis = admin.MapGroup("/apis").WithTags("API");
        apis.MapGet("/", async (string? opd, ApiStatus? status, RegistryCatalog catalog, CancellationToken ct) =>
                (await catalog.ListApisAsync(opd, status, ct)).Select(ApiResponse.From).ToList())
            .WithName("ListApis").WithSummary("List the APIs, optionally of one OPD or in one lifecycle state");
        apis.MapGet("/{id:guid}", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api)) : NotFound("API"))
            .WithName("GetApi").WithSummary("Read one API");
        apis.MapGet("/{id:guid}/openapi", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { OpenApiDocument: { } doc } ? TypedResults.Text(doc, doc.TrimStart().StartsWith('{') ? "application/json" : "application/yaml") : NotFound("OpenAPI document of API"))
            .WithName("GetApiOpenApiDocument").WithSummary("Read the OpenAPI document registered with an API");
        apis.MapPost("/", async (ApiInput input, RegistryCatalog catalog, CancellationToken ct) =>
            {
                var api = await catalog.CreateApiAsync(input, ct);
                return TypedResults.Created($"{Prefix}/apis/{api.Id}", ApiResponse.From(api));
            })
            .WithName("CreateApi").WithSummary("Register an API of an OPD (it starts as a draft)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        apis.MapPut("/{id:guid}", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ApiUpdate input, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.UpdateApiAsync(id, input, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api)) : NotFound("API"))
            .WithName("UpdateApi").WithSummary("Change an API's upstreams, document, classification or description; takes effect at once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        apis.MapPost("/{id:guid}/status", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ApiStatusChange change, RegistryCatalog catalog, CancellationToken ct) =>
                await catalog.MoveApiAsync(id, change.Status, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api)) : NotFound("API"))
            .WithName("MoveApi").WithSummary("Move an API through its lifecycle (draft, submitted, approved, published, deprecated, retired)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        return admin;
    }

    private static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found",
            detail: $"No {what} is registered under that identifier.");
}
