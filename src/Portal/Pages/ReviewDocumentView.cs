using System.Text.Json.Nodes;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The OpenAPI document of an API's review page as JSON, before publication, through the portal session to those who
/// may see the API's onboarding (the page itself renders its operations: Components/Review/OperationTable.razor).
/// </summary>
public static class ReviewDocumentView
{
    /// <summary>
    /// <c>GET /portal/api/{id}/openapi.json[?revisi=N]</c>: a revision as JSON for those who may see the API's onboarding;
    /// otherwise, or when there is none, a problem in the portal's language (the same answer: existence is not revealed).
    /// </summary>
    public static async Task<IResult> DocumentAsync(Guid id, HttpContext http, OnboardingWorkflow workflow)
    {
        var page = new PortalPage(http);
        int? revision = int.TryParse(http.Request.Query["revisi"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : null;
        var found = await workflow.FindDocumentAsync(page.User!, id, revision, http.RequestAborted);
        if (found is null || OpenApiDocumentReader.Read(found.Content).Json is not { } json || JsonNode.Parse(json) is not JsonObject)
            return DocumentProblem(page.T);
        return Results.Text(json, "application/json; charset=utf-8");
    }

    /// <summary>The answer for a document the user may not read or that does not exist, in the portal's language.</summary>
    public static IResult DocumentProblem(PortalText t) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: t["document.notFoundTitle"], detail: t["document.notFound"]);
}
