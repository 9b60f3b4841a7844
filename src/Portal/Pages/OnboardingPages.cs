using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Portal.Approvals;
using SpbeConnector.Portal.Components.Onboarding;
using SpbeConnector.Portal.Components.Review;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Approvals;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// A publisher's APIs (Components/Onboarding): registration with the OpenAPI upload, the review page of an API
/// (stages, dossier, document, decisions), submission with the conformance findings, a draft's details edited and a
/// live API's change proposed as a change request. Every successful post redirects to a page (POST-redirect-GET); a
/// refused one shows the form again with the problems beside the fields.
/// </summary>
public static class OnboardingPages
{
    private const int MaxUploadBytes = 4 * 1024 * 1024;

    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/api", ListAsync);
        signedIn.MapGet("/api/baru", (HttpContext http) => RegistrationPage(new PortalPage(http), null, null, FormErrors.None));
        signedIn.MapPost("/api/baru", RegisterAsync).WithMetadata(UploadRequestLimit.Default);
        signedIn.MapGet("/api/{id:guid}", (Guid id, HttpContext http) => ReviewPageAsync(http, id, FormErrors.None));
        signedIn.MapGet("/api/{id:guid}/openapi.json", ReviewDocumentView.DocumentAsync);
        signedIn.MapPost("/api/{id:guid}/ajukan", SubmitAsync);
        signedIn.MapPost("/api/{id:guid}/dokumen", ReplaceDocumentAsync).WithMetadata(UploadRequestLimit.Default);
        signedIn.MapGet("/api/{id:guid}/ubah", (Guid id, HttpContext http, OnboardingWorkflow workflow) => ChangePageAsync(http, workflow, id, null, null, FormErrors.None));
        signedIn.MapPost("/api/{id:guid}/ubah", ChangeAsync).WithMetadata(UploadRequestLimit.Default);
    }

    private static async Task<IResult> ListAsync(HttpContext http, OnboardingWorkflow workflow)
    {
        var page = new PortalPage(http);
        var items = await workflow.ListAsync(page.User!, http.RequestAborted);
        return PortalView.Of<ApiListPage>(new ApiListModel(items, page.User!.Role == PortalRole.ApiPublisher));
    }

    private static IResult RegistrationPage(PortalPage page, IFormCollection? form, string? document, FormErrors errors) =>
        page.User!.Role != PortalRole.ApiPublisher
            ? page.Forbidden()
            : PortalView.Of<RegisterApiPage>(new RegisterApiModel(form, document, errors, page.User.OpdCode ?? ""),
                errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    /// <summary>The uploaded file, else the pasted text; over the size limit is a problem of its own.</summary>
    internal static async Task<(string? Document, string? Problem)> ReadDocumentAsync(IFormCollection form)
    {
        var file = form.Files["openApiFile"];
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxUploadBytes)
                return (null, "onboarding.fileTooLarge");
            using var reader = new StreamReader(file.OpenReadStream());
            return (await reader.ReadToEndAsync(), null);
        }
        var text = form["openApiText"].ToString();
        return (string.IsNullOrWhiteSpace(text) ? null : text, null);
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, OnboardingWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.ApiPublisher)
            return page.Forbidden();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (document, problem) = await ReadDocumentAsync(form);
        if (problem is not null)
            return RegistrationPage(page, form, null, new FormErrors().With("openApiDocument", problem));
        var classification = Enum.TryParse<InformationClassification>(form["classification"], out var c) ? c : InformationClassification.Restricted;
        try
        {
            var api = await workflow.RegisterAsync(page.User, new ApiRegistration(page.User.OpdCode ?? "", form["name"].ToString(), form["slug"].ToString(),
                form["version"].ToString(), OpdPages.NullIfEmpty(form["description"]), form["upstreamUrl"].ToString(), form["allowInsecureUpstream"] == "true",
                document, classification, ApiChangeForm.Chosen(form), form["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                form["ownerContact"].ToString(), form["pseRegistrationNumber"].ToString(), form["slaTargetPercent"].ToString()), http.RequestAborted);
            await audit.RecordAsync(http, "api.register", "succeeded", page.User.Username, api.Id.ToString(),
                new Dictionary<string, string?> { ["opd"] = page.User.OpdCode, ["slug"] = api.Slug, ["version"] = api.Version });
            return PortalNotice.RedirectWith(http, $"/portal/api/{api.Id}", page.T["result.registered"]);
        }
        catch (RegistryValidationException ex)
        {
            // The document comes back in the text field, so that nothing the publisher gave is lost.
            return RegistrationPage(page, form, document, FormErrors.Of(ex, page.T, RegisterApiModel.Fields, RegisterApiModel.Inputs));
        }
        catch (RegistryConflictException ex)
        {
            return RegistrationPage(page, form, document, FormErrors.Of(ex, page.T, "slug", RegisterApiModel.Fields));
        }
    }

    /// <summary>The review page of an API, with <paramref name="errors"/> of a refused post (then answered 400).</summary>
    internal static async Task<IResult> ReviewPageAsync(HttpContext http, Guid id, FormErrors errors)
    {
        var page = new PortalPage(http);
        var services = http.RequestServices;
        var workflow = services.GetRequiredService<OnboardingWorkflow>();
        var ct = http.RequestAborted;
        var record = await workflow.FindAsync(page.User!, id, ct);
        if (record is null)
            return page.NotFound();
        var approvals = services.GetRequiredService<ApprovalWorkflow>();
        var catalog = services.GetRequiredService<ApiDossierCatalog>();
        var pending = await services.GetRequiredService<ApprovalQueue>().PendingAsync(page.User!, page.T, id, ct);
        var dossier = await catalog.GetDossierAsync(id, ct);
        var api = record.Api;
        var violations = RegistryRules.CheckStanding(api, services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (record.HasOnboardingProfile && RegistryRules.CheckSlaTarget(record.Profile.SlaTargetPercent) is { } sla)
            violations.Add([sla]);
        var approved = await workflow.FindApprovedRevisionAsync(record, ct);
        var operations = DocumentOperations.Read(api.OpenApiDocument);
        var diff = approved is null ? null : DocumentOperationDiff.Between(approved.Revision, DocumentOperations.Read(approved.Content), operations);
        var profile = record.PendingProfile is { } p && record.Pending?.Kind == ApprovalRequestKind.Publication ? p : approvals.CurrentProfile;
        return PortalView.Of<ApiReviewPage>(new ApiReviewModel(record, profile, pending, dossier, page.T.ByField(violations), operations, diff, errors,
                errors.Count > 0 ? null : PortalNotice.Take(http)),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> SubmitAsync(Guid id, HttpContext http, OnboardingWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        try
        {
            var (submitted, findings) = await workflow.SubmitAsync(page.User!, id, http.RequestAborted);
            await audit.RecordAsync(http, "api.submit", submitted ? "succeeded" : "refused", page.User!.Username, id.ToString(),
                new Dictionary<string, string?>
                {
                    ["errors"] = findings.Count(f => f.Severity == ConformanceSeverity.Error).ToString(CultureInfo.InvariantCulture),
                    ["warnings"] = findings.Count(f => f.Severity == ConformanceSeverity.Warning).ToString(CultureInfo.InvariantCulture),
                });
            // A blocked submission is recorded with its findings too: the page after the redirect shows them.
            return PortalNotice.RedirectWith(http, $"/portal/api/{id}", page.T[submitted ? "result.submitted" : "result.blocked"], refused: !submitted);
        }
        catch (RegistryValidationException ex)
        {
            await audit.RecordAsync(http, "api.submit", "refused", page.User!.Username, id.ToString(),
                new Dictionary<string, string?> { ["missing"] = string.Join(",", ex.Errors.Keys) });
            return await ReviewPageAsync(http, id, new FormErrors(ex.Errors));
        }
        catch (RegistryConflictException ex)
        {
            return ex.Message == "onboarding.notFound" ? page.NotFound() : await ReviewPageAsync(http, id, new FormErrors().With("api", page.T.Problem(ex.Problem)));
        }
    }

    private static async Task<IResult> ReplaceDocumentAsync(Guid id, HttpContext http, OnboardingWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (document, problem) = await ReadDocumentAsync(form);
        if (problem is not null || document is null)
            return await ReviewPageAsync(http, id, new FormErrors().With("openApiDocument", problem ?? "onboarding.documentRequired"));
        try
        {
            await workflow.ReplaceDocumentAsync(page.User!, id, document, http.RequestAborted);
            await audit.RecordAsync(http, "api.document-replace", "succeeded", page.User!.Username, id.ToString());
            return PortalNotice.RedirectWith(http, $"/portal/api/{id}", page.T["result.documentReplaced"]);
        }
        catch (RegistryValidationException ex)
        {
            return await ReviewPageAsync(http, id, FormErrors.Of(ex, page.T));
        }
        catch (RegistryConflictException ex)
        {
            return ex.Message == "onboarding.notFound" ? page.NotFound() : await ReviewPageAsync(http, id, new FormErrors().With("api", page.T.Problem(ex.Problem)));
        }
    }

    /// <summary>The change form of an API the publisher's OPD owns (a draft, or a live API without a pending request).</summary>
    private static async Task<IResult> ChangePageAsync(HttpContext http, OnboardingWorkflow workflow, Guid id, IFormCollection? form, string? document, FormErrors errors)
    {
        var page = new PortalPage(http);
        var user = page.User!;
        var record = await workflow.FindAsync(user, id, http.RequestAborted);
        if (record is null)
            return page.NotFound();
        var api = record.Api;
        if (user.Role != PortalRole.ApiPublisher || user.OpdCode != api.Opd?.Code)
            return page.Forbidden();
        if (api.Status != ApiStatus.Draft && !(ApiLifecycle.IsLive(api.Status) && record.Pending is null))
            return Results.Redirect($"/portal/api/{id}");
        var profile = record.HasOnboardingProfile ? record.Profile : null;
        var values = form is null ? ApiChangeForm.ValuesOf(api, profile) : ApiChangeForm.ValuesOf(form, api, profile);
        return PortalView.Of<ApiChangePage>(new ApiChangeModel(api, profile, values, errors, document),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ChangeAsync(Guid id, HttpContext http, OnboardingWorkflow workflow, ApiCatalog catalog, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var user = page.User!;
        var api = await catalog.FindApiAsync(id, http.RequestAborted);
        if (api is null || user.Role != PortalRole.ApiPublisher || user.OpdCode != api.Opd?.Code)
            return page.NotFound();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (document, problem) = await ReadDocumentAsync(form);
        if (problem is not null)
            return await ChangePageAsync(http, workflow, id, form, null, new FormErrors().With("openApiDocument", problem));
        var (change, details, errors) = ApiChangeForm.Read(form, api, document, page.T);
        if (errors.Count > 0)
            return await ChangePageAsync(http, workflow, id, form, document, errors);
        try
        {
            var outcome = await workflow.ChangeAsync(user, id, change, details, http.RequestAborted);
            var requested = outcome.Pending is not null;
            await audit.RecordAsync(http, requested ? "api.change-request" : "api.draft-change", "succeeded", user.Username, id.ToString(),
                new Dictionary<string, string?> { ["requestId"] = outcome.Pending?.Id.ToString() });
            return PortalNotice.RedirectWith(http, $"/portal/api/{id}", page.T[requested ? "result.changeRequested" : "result.draftSaved"]);
        }
        catch (RegistryValidationException ex)
        {
            return await ChangePageAsync(http, workflow, id, form, document, FormErrors.Of(ex, page.T));
        }
        catch (RegistryConflictException ex)
        {
            return await ChangePageAsync(http, workflow, id, form, document, new FormErrors().With("change", page.T.Problem(ex.Problem)));
        }
    }
}
