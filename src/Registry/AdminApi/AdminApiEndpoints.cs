using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.AdminApi.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The admin API under <c>/admin/v1</c>: OPDs, APIs and the API lifecycle, client applications and subscriptions. Every endpoint requires the
/// platform administrator or <c>spbe.admin</c> (Pasal 59 ayat (6) huruf c: the administrator-side interface is controlled),
/// except the approval workflow's (changes and lifecycle moves of APIs, registration profiles, approval requests and
/// decisions, waivers, emergency acts, subscription decisions), which every role acting in the workflow reaches and
/// where <see cref="ApprovalWorkflow"/> decides what the caller may do.
/// </summary>
public static class AdminApiEndpoints
{
    public const string Prefix = "/admin/v1";
    public const string DocumentName = "admin";

    public static RouteGroupBuilder MapRegistryAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = Group(endpoints, ManagementCallerDefaults.AdminPolicy);

        var opds = admin.MapGroup("/opds").WithTags("OPD");
        opds.MapGet("/", async Task<Results<Ok<List<OpdResponse>>, ValidationProblem>> (int? offset, int? limit, OpdCatalog catalog, HttpContext http, CancellationToken ct) =>
                AdminPaging.TryRead(offset, limit, out var page, out var problem)
                    ? TypedResults.Ok(AdminPaging.Page(http, (await catalog.ListOpdsAsync(ct)).Select(OpdResponse.From).ToList(), page))
                    : problem!)
            .WithName("ListOpds").WithSummary("List the OPDs (agencies)").WithDescription(AdminPaging.Description);
        opds.MapGet("/{code}", async Task<Results<Ok<OpdResponse>, ProblemHttpResult>> (string code, OpdCatalog catalog, CancellationToken ct) =>
                await catalog.FindOpdAsync(code, ct) is { } opd ? TypedResults.Ok(OpdResponse.From(opd)) : AdminProblems.NotFound("OPD"))
            .WithName("GetOpd").WithSummary("Read one OPD");
        opds.MapPost("/", async (OpdInput input, OpdCatalog catalog, CancellationToken ct) =>
            {
                var opd = await catalog.CreateOpdAsync(input, ct);
                return TypedResults.Created($"{Prefix}/opds/{opd.Code}", OpdResponse.From(opd));
            })
            .WithName("CreateOpd").WithSummary("Register an OPD")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        opds.MapPut("/{code}", async Task<Results<Ok<OpdResponse>, ProblemHttpResult>> (string code, OpdInput input, OpdCatalog catalog, CancellationToken ct) =>
                await catalog.UpdateOpdAsync(code, input, ct) is { } opd ? TypedResults.Ok(OpdResponse.From(opd)) : AdminProblems.NotFound("OPD"))
            .WithName("UpdateOpd").WithSummary("Change an OPD's name or tenant domain")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var apis = admin.MapGroup("/apis").WithTags("API");
        apis.MapGet("/", async Task<Results<Ok<List<ApiResponse>>, ValidationProblem>> (string? opd, ApiStatus? status, int? offset, int? limit, ApiCatalog catalog,
                TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                if (!AdminPaging.TryRead(offset, limit, out var page, out var problem))
                    return problem!;
                var (found, total) = await catalog.ListApisPageAsync(opd, status, page.Offset, page.Limit, ct);
                AdminPaging.Describe(http, total, page);
                return TypedResults.Ok(found.Select(a => ApiResponse.From(a, clock.GetUtcNow())).ToList());
            })
            .WithName("ListApis").WithSummary("List the APIs, optionally of one OPD or in one lifecycle state").WithDescription(AdminPaging.Description);
        apis.MapGet("/{id:guid}", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ApiCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("GetApi").WithSummary("Read one API");
        apis.MapGet("/{id:guid}/openapi", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, ApiCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { OpenApiDocument: { } doc } ? TypedResults.Text(doc, doc.TrimStart().StartsWith('{') ? "application/json" : "application/yaml") : AdminProblems.NotFound("OpenAPI document of API"))
            .WithName("GetApiOpenApiDocument").WithSummary("Read the OpenAPI document in force for an API");
        apis.MapGet("/{id:guid}/openapi/revisions", async Task<Results<Ok<List<ApiDocumentRevisionResponse>>, ProblemHttpResult>> (Guid id, ApiCatalog catalog, CancellationToken ct) =>
                await catalog.ListDocumentRevisionsAsync(id, ct) is { } revisions ? TypedResults.Ok(revisions.Select(ApiDocumentRevisionResponse.From).ToList()) : AdminProblems.NotFound("API"))
            .WithName("ListApiOpenApiRevisions").WithSummary("List every revision of an API's OpenAPI document, newest first");
        apis.MapGet("/{id:guid}/openapi/revisions/{revision:int}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, int revision, ApiCatalog catalog, CancellationToken ct) =>
                await catalog.FindDocumentRevisionAsync(id, revision, ct) is { } found ? TypedResults.Text(found.Content, found.Format == "json" ? "application/json" : "application/yaml") : AdminProblems.NotFound("OpenAPI document revision"))
            .WithName("GetApiOpenApiRevision").WithSummary("Read one revision of an API's OpenAPI document, as registered");
        apis.MapGet("/{id:guid}/validation", async Task<Results<Ok<ApiValidationSettings>, ProblemHttpResult>> (Guid id, ApiCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { } api ? TypedResults.Ok(api.Validation) : AdminProblems.NotFound("API"))
            .WithName("GetApiValidation").WithSummary("Read how the gateway checks an API's input, cookies and files");
        apis.MapGet("/{id:guid}/cors", async Task<Results<Ok<ApiCorsSettings>, ProblemHttpResult>> (Guid id, ApiCatalog catalog, CancellationToken ct) =>
                await catalog.FindApiAsync(id, ct) is { } api ? TypedResults.Ok(api.Cors) : AdminProblems.NotFound("API"))
            .WithName("GetApiCors").WithSummary("Read which browser origins may call an API across origins (CORS)");
        apis.MapPost("/", async (ApiInput input, ApiCatalog catalog, TimeProvider clock, CancellationToken ct) =>
            {
                var api = await catalog.CreateApiAsync(input, ct);
                return TypedResults.Created($"{Prefix}/apis/{api.Id}", ApiResponse.From(api, clock.GetUtcNow()));
            })
            .WithName("CreateApi").WithSummary("Register an API of an OPD (it starts as a draft)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        admin.MapClientAdminApi();
        admin.MapPlanAdminApi();
        admin.MapSigningKeyAdminApi();
        admin.MapDossierAdminApi();

        // The approval workflow's endpoints, under the same prefix and document: every person acting in the workflow
        // (publishers, reviewers, data owners, the administrator) reaches them with their portal session, and the
        // workflow decides what the caller may do (ManagementCallerDefaults.WorkflowPolicy).
        var workflowGroup = Group(endpoints, ManagementCallerDefaults.WorkflowPolicy);
        var changes = workflowGroup.MapGroup("/apis").WithTags("API");
        changes.MapPut("/{id:guid}/validation", async Task<Results<Ok<ApiValidationSettings>, Accepted<ApprovalRequestResponse>, ProblemHttpResult>> (Guid id, ApiValidationSettings settings, ApprovalWorkflow workflow, HttpContext http, CancellationToken ct) =>
                await workflow.ProposeChangeAsync(ActorIdentity.FromPrincipal(http.User), id, new ProposedChange(Validation: settings), ct) switch
                {
                    { Applied: { } api } => TypedResults.Ok(api.Validation),
                    { Pending: { } request } => ChangeRequested(workflow, request),
                    _ => AdminProblems.NotFound("API"),
                })
            .WithName("UpdateApiValidation")
            .WithSummary("Replace how the gateway checks an API's input, cookies and files; fields left out take their safe defaults. A draft changes at once; a live API gets a change request (202) and keeps its approved settings until it is approved")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        changes.MapPut("/{id:guid}/cors", async Task<Results<Ok<ApiCorsSettings>, Accepted<ApprovalRequestResponse>, ProblemHttpResult>> (Guid id, ApiCorsSettings settings, ApprovalWorkflow workflow, HttpContext http, CancellationToken ct) =>
                await workflow.ProposeChangeAsync(ActorIdentity.FromPrincipal(http.User), id, new ProposedChange(Cors: settings), ct) switch
                {
                    { Applied: { } api } => TypedResults.Ok(api.Cors),
                    { Pending: { } request } => ChangeRequested(workflow, request),
                    _ => AdminProblems.NotFound("API"),
                })
            .WithName("UpdateApiCors")
            .WithSummary("Replace which browser origins may call an API across origins, with which methods and headers; no origins (the default) turns CORS off. A draft changes at once; a live API gets a change request (202) and keeps its approved settings until it is approved")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        changes.MapPut("/{id:guid}", async Task<Results<Ok<ApiResponse>, Accepted<ApprovalRequestResponse>, ProblemHttpResult>> (Guid id, ApiUpdate input, ApprovalWorkflow workflow, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                await workflow.ProposeChangeAsync(ActorIdentity.FromPrincipal(http.User), id, new ProposedChange(Api: input), ct) switch
                {
                    { Applied: { } api } => TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())),
                    { Pending: { } request } => ChangeRequested(workflow, request),
                    _ => AdminProblems.NotFound("API"),
                })
            .WithName("UpdateApi")
            .WithSummary("Change an API's upstreams, document, classification, public mark, scopes or description. A draft changes at once (a changed OpenAPI document becomes a new revision; a null document keeps the current one); a live API gets a change request (202) and keeps serving on its approved settings until the approval profile's stages approve it; an API in review is not changed")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        changes.MapPost("/{id:guid}/status", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ApiStatusChange change, ApprovalWorkflow workflow, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                await workflow.MoveAsync(ActorIdentity.FromPrincipal(http.User), id, change.Status, change.Reason, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("MoveApi")
            .WithSummary("Move an API through its lifecycle: Submitted submits a draft for the approval profile's stages; Published publishes an API every stage approved (never before: 409 naming the missing decision), resumes a suspended one (a security reviewer other than who suspended it) or takes back a deprecation; Draft withdraws a pending submission; Deprecated; Suspended and Retired are emergency acts that need a reason. Approved is only reached by the last stage's decision")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        workflowGroup.MapApiProfileAdminApi();
        workflowGroup.MapStandingRuleAdminApi();
        workflowGroup.MapApprovalAdminApi();
        workflowGroup.MapSubscriptionDecisionAdminApi();
        return admin;
    }

    /// <summary>A group of the admin API under <paramref name="policy"/>: every call audited, in the admin API's OpenAPI document.</summary>
    private static RouteGroupBuilder Group(IEndpointRouteBuilder endpoints, string policy) => endpoints.MapGroup(Prefix)
        .RequireAuthorization(policy)
        .AddEndpointFilter<AdminAuditFilter>()
        .WithGroupName(DocumentName)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The 202 answer of a change to a live API: the change request made, where to follow it.</summary>
    internal static Accepted<ApprovalRequestResponse> ChangeRequested(ApprovalWorkflow workflow, Domain.ApprovalRequest request) =>
        TypedResults.Accepted($"{Prefix}/approval-requests/{request.Id}", ApprovalRequestResponse.From(request, workflow.ProfileOf(request), []));
}
