using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>
/// The per-API dossier of the admin API (issue 20): <c>GET /apis/{id}/dossier</c> for the reviewers, and
/// <c>PUT /apis/{id}/risk</c>, where a reviewer records the Level Risiko SPBE and the general/special flag (Pasal 41-42).
/// </summary>
public static class AdminDossierEndpoints
{
    public static RouteGroupBuilder MapDossierAdminApi(this RouteGroupBuilder admin)
    {
        var apis = admin.MapGroup("/apis").WithTags("API");
        apis.MapGet("/{id:guid}/dossier", async Task<Results<Ok<ApiDossierResponse>, ProblemHttpResult>> (Guid id, ApiDossierCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                await catalog.GetDossierAsync(id, ct) is { } dossier ? TypedResults.Ok(ApiDossierResponse.From(dossier, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("GetApiDossier")
            .WithSummary("The dossier a security reviewer reads before a decision: owner, classification, token binding, scopes and request schemas per operation, file controls, plans, SLA target, PSE number, risk level, general/special flag, waiver, decisions, and what is missing");
        apis.MapPut("/{id:guid}/risk", async Task<Results<Ok<ApiResponse>, ProblemHttpResult>> (Guid id, ApiRiskInput input, ApiDossierCatalog catalog, TimeProvider clock, CancellationToken ct) =>
                await catalog.SetRiskAsync(id, input, ct) is { } api ? TypedResults.Ok(ApiResponse.From(api, clock.GetUtcNow())) : AdminProblems.NotFound("API"))
            .WithName("SetApiRisk")
            .WithSummary("Record the Level Risiko SPBE (VeryLow..VeryHigh) and whether the application is an Aplikasi Umum (General) or Khusus (Special); replaces an earlier assessment")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }
}
