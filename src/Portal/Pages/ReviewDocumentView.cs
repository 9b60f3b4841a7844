using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.OpenApi;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The OpenAPI document on an API's review page, before publication: a link to the revision as JSON (through the portal
/// session, to those who may see the API's onboarding), its operations as a table, and what changed since the revision a
/// reviewer last approved. The security sign-off is made on what the reviewer read.
/// </summary>
public static class ReviewDocumentView
{
    public static async Task<HtmlFragment> RenderAsync(PortalPage page, OnboardingWorkflow workflow, OnboardingRecord record, CancellationToken ct)
    {
        var t = page.T;
        var api = record.Api;
        if (api.DocumentRevision == 0 || string.IsNullOrWhiteSpace(api.OpenApiDocument))
            return H($"<h2>{t["review.documentTitle"]}</h2><p id=\"review-no-document\">{t["onboarding.noDocument"]}</p>");
        var current = DocumentOperations.Read(api.OpenApiDocument);
        var approved = await workflow.FindApprovedRevisionAsync(record, ct);
        var diff = approved is null ? null : DocumentOperationDiff.Between(approved.Revision, DocumentOperations.Read(approved.Content), current);
        return H($"""
            <h2>{t["review.documentTitle"]}</h2>
            <p>{t.Format("review.documentIntro", api.DocumentRevision)} <a href="/portal/api/{api.Id}/openapi.json">{t["review.documentLink"]}</a></p>
            {Diff(page, api.Id, diff)}
            <h3>{t["review.operationsTitle"]}</h3>
            {Operations(page, current, "review-operations")}
            """);
    }

    private static HtmlFragment Diff(PortalPage page, Guid apiId, DocumentOperationDiff? diff)
    {
        var t = page.T;
        if (diff is null)
            return HtmlFragment.Empty;
        var intro = H($"<p>{t.Format("review.diffIntro", diff.ApprovedRevision)} <a href=\"/portal/api/{apiId}/openapi.json?revisi={diff.ApprovedRevision}\">{t.Format("review.diffApprovedLink", diff.ApprovedRevision)}</a></p>");
        if (diff.IsEmpty)
            return H($"<section id=\"review-diff\"><h3>{t["review.diffTitle"]}</h3>{intro}<p>{t["review.diffNone"]}</p></section>");
        HtmlFragment Part(string key, string id, IReadOnlyList<DocumentOperation> operations) => operations.Count == 0
            ? HtmlFragment.Empty
            : H($"<h4>{t[key]} ({operations.Count})</h4>{Operations(page, operations, id)}");
        return H($"""
            <section id="review-diff"><h3>{t["review.diffTitle"]}</h3>{intro}
            {Part("review.diffAdded", "review-diff-added", diff.Added)}
            {Part("review.diffRemoved", "review-diff-removed", diff.Removed)}
            {Part("review.diffChanged", "review-diff-changed", diff.Changed)}
            </section>
            """);
    }

    private static HtmlFragment Operations(PortalPage page, IReadOnlyList<DocumentOperation> operations, string id)
    {
        var t = page.T;
        if (operations.Count == 0)
            return H($"<p id=\"{id}\">{t["review.noOperations"]}</p>");
        static string List(IReadOnlyList<string> items) => items.Count == 0 ? "—" : string.Join(", ", items);
        var rows = operations.Select(o => H($"<tr><td><code>{o.Method}</code></td><td><code>{o.Path}</code></td><td>{o.Summary ?? "—"}</td><td>{List(o.Parameters)}</td><td>{List(o.RequestBodySchemas)}</td><td>{(o.Scopes.Count == 0 ? t["review.noSecurity"] : List(o.Scopes))}</td></tr>"));
        return H($"<div class=\"table\"><table id=\"{id}\"><thead><tr><th scope=\"col\">{t["review.method"]}</th><th scope=\"col\">{t["review.path"]}</th><th scope=\"col\">{t["review.summary"]}</th><th scope=\"col\">{t["review.parameters"]}</th><th scope=\"col\">{t["review.requestBody"]}</th><th scope=\"col\">{t["review.security"]}</th></tr></thead><tbody>{rows}</tbody></table></div>");
    }

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
