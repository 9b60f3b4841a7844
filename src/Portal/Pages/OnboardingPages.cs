using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Approvals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Onboarding;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// A publisher's APIs: registration with the OpenAPI upload (problems shown beside the field), submission with the
/// conformance findings, the review decisions, and the history of who decided what, when and why.
/// </summary>
public static class OnboardingPages
{
    private const int MaxUploadBytes = 4 * 1024 * 1024;

    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/api", ListAsync);
        signedIn.MapGet("/api/baru", (HttpContext http) => RegistrationPage(new PortalPage(http), FormErrors.None, null, null));
        signedIn.MapPost("/api/baru", RegisterAsync).WithMetadata(UploadRequestLimit.Default);
        signedIn.MapGet("/api/{id:guid}", (Guid id, HttpContext http, OnboardingWorkflow workflow) => DetailAsync(new PortalPage(http), workflow, id, null, FormErrors.None));
        signedIn.MapGet("/api/{id:guid}/openapi.json", ReviewDocumentView.DocumentAsync);
        signedIn.MapPost("/api/{id:guid}/ajukan", SubmitAsync);
        signedIn.MapPost("/api/{id:guid}/dokumen", ReplaceDocumentAsync).WithMetadata(UploadRequestLimit.Default);
        signedIn.MapPost("/api/{id:guid}/keputusan", DecideAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, OnboardingWorkflow workflow)
    {
        var page = new PortalPage(http);
        var t = page.T;
        var items = await workflow.ListAsync(page.User!, http.RequestAborted);
        var register = page.User!.Role == PortalRole.ApiPublisher ? H($"<p><a href=\"/portal/api/baru\">{t["onboarding.registerLink"]}</a></p>") : HtmlFragment.Empty;
        var body = H($"""
            {register}
            {ApiTable(page, items)}
            """);
        return page.Render(t["onboarding.listTitle"], body);
    }

    internal static HtmlFragment ApiTable(PortalPage page, IEnumerable<(Api Api, ApiProfile Profile)> items)
    {
        var t = page.T;
        var rows = items.Select(x => H($"<tr><td><a href=\"/portal/api/{x.Api.Id}\">{x.Api.Name}</a></td><td>{x.Api.Opd?.Code}</td><td>{x.Api.Version}</td><td>{t["stage." + x.Profile.Stage]}</td></tr>")).ToList();
        return rows.Count == 0
            ? H($"<p>{t["onboarding.none"]}</p>")
            : H($"<div class=\"table\"><table><thead><tr><th scope=\"col\">{t["field.name"]}</th><th scope=\"col\">{t["field.opdCode"]}</th><th scope=\"col\">{t["field.version"]}</th><th scope=\"col\">{t["onboarding.stage"]}</th></tr></thead><tbody>{rows}</tbody></table></div>");
    }

    private static IResult RegistrationPage(PortalPage page, FormErrors errors, IFormCollection? form, string? document)
    {
        var t = page.T;
        if (page.User!.Role != PortalRole.ApiPublisher)
            return page.Forbidden();
        var classifications = Enum.GetValues<InformationClassification>().Select(c => (c.ToString(), t["classification." + c]));
        var fields = H($"""
            {page.Input("name", "field.name", form?["name"], errors, required: true)}
            {page.Input("slug", "field.slug", form?["slug"], errors, required: true, hintKey: "onboarding.slugHint")}
            {page.Input("version", "field.version", form?["version"] ?? "v1", errors, required: true, hintKey: "onboarding.versionHint")}
            {page.TextArea("description", "field.description", form?["description"], errors, 3)}
            {page.Input("upstreamUrl", "field.upstreamUrl", form?["upstreamUrl"], errors, "url", true, "onboarding.upstreamHint")}
            <div class="field"><label><input type="checkbox" name="allowInsecureUpstream" value="true"{Flag(form?["allowInsecureUpstream"].ToString() == "true", "checked")}> {t["field.allowInsecureUpstream"]}</label></div>
            <div class="field{(errors.ContainsKey("openApiDocument") ? " invalid" : "")}"><label for="f-openApiFile">{t["field.openApiFile"]}</label><input id="f-openApiFile" name="openApiFile" type="file" accept=".json,.yaml,.yml,application/json,application/yaml"><small>{t["onboarding.fileHint"]}</small>{page.ErrorsOf("openApiDocument", errors)}</div>
            {page.TextArea("openApiText", "field.openApiText", document, FormErrors.None, 6, "onboarding.textHint")}
            {page.Select("classification", "field.classification", classifications, form?["classification"] ?? nameof(InformationClassification.Restricted), errors)}
            {page.TextArea("plans", "field.plans", form?["plans"], errors, 3, "onboarding.plansHint")}
            {page.Input("tags", "field.tags", form?["tags"], errors, hintKey: "onboarding.tagsHint")}
            {page.Input("ownerContact", "field.ownerContact", form?["ownerContact"], errors, required: true)}
            {page.Input("pseRegistrationNumber", "field.pseRegistrationNumber", form?["pseRegistrationNumber"], errors, required: true, hintKey: "onboarding.pseHint")}
            {page.Input("slaTargetPercent", "field.slaTargetPercent", form?["slaTargetPercent"] ?? "99.5", errors, required: true, hintKey: "onboarding.slaHint")}
            <button type="submit" class="primary">{t["onboarding.register"]}</button>
            """);
        var body = H($"""
            <p>{t.Format("onboarding.registerIntro", page.User.OpdCode)}</p>
            {page.ErrorSummary(errors)}
            {page.Form("/portal/api/baru", fields, enctype: "multipart/form-data")}
            """);
        return page.Render(t["onboarding.registerTitle"], body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The uploaded file, else the pasted text; over the size limit is a problem of its own.</summary>
    private static async Task<(string? Document, string? Problem)> ReadDocumentAsync(IFormCollection form)
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
            return RegistrationPage(page, new FormErrors().With("openApiDocument", problem), form, null);
        var classification = Enum.TryParse<InformationClassification>(form["classification"], out var c) ? c : InformationClassification.Restricted;
        try
        {
            var api = await workflow.RegisterAsync(page.User, new ApiRegistration(page.User.OpdCode ?? "", form["name"].ToString(), form["slug"].ToString(),
                form["version"].ToString(), OpdPages.NullIfEmpty(form["description"]), form["upstreamUrl"].ToString(), form["allowInsecureUpstream"] == "true",
                document, classification, Lines(form["plans"]), form["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                form["ownerContact"].ToString(), form["pseRegistrationNumber"].ToString(), form["slaTargetPercent"].ToString()), http.RequestAborted);
            await audit.RecordAsync(http, "api.register", "succeeded", page.User.Username, api.Id.ToString(),
                new Dictionary<string, string?> { ["opd"] = page.User.OpdCode, ["slug"] = api.Slug, ["version"] = api.Version });
            return Results.Redirect($"/portal/api/{api.Id}");
        }
        catch (RegistryValidationException ex)
        {
            // The document comes back in the text field, so that nothing the publisher gave is lost.
            return RegistrationPage(page, new FormErrors(ex.Errors), form, document);
        }
        catch (RegistryConflictException ex)
        {
            return RegistrationPage(page, new FormErrors().With("slug", ex.Message), form, document);
        }
    }

    private static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<IResult> DetailAsync(PortalPage page, OnboardingWorkflow workflow, Guid id, string? message, FormErrors errors)
    {
        var t = page.T;
        var record = await workflow.FindAsync(page.User!, id, page.Http.RequestAborted);
        if (record is null)
            return page.NotFound();
        var (api, profile) = (record.Api, record.Profile);
        var facts = H($"""
            <dl class="facts">
            <dt>{t["field.opdCode"]}</dt><dd>{api.Opd?.Code} — {api.Opd?.Name}</dd>
            <dt>{t["onboarding.path"]}</dt><dd>/{api.Opd?.Code}/{api.Slug}/{api.Version}</dd>
            <dt>{t["onboarding.stage"]}</dt><dd><span class="badge">{t["stage." + profile.Stage]}</span></dd>
            {Waiting(page, record)}
            <dt>{t["field.upstreamUrl"]}</dt><dd>{string.Join(", ", api.UpstreamUrls)}</dd>
            <dt>{t["field.classification"]}</dt><dd>{t["classification." + api.Classification]}</dd>
            <dt>{t["field.plans"]}</dt><dd>{string.Join("; ", profile.Plans)}</dd>
            <dt>{t["field.tags"]}</dt><dd>{string.Join(", ", profile.Tags)}</dd>
            <dt>{t["field.ownerContact"]}</dt><dd>{profile.OwnerContact}</dd>
            <dt>{t["field.pseRegistrationNumber"]}</dt><dd>{profile.PseRegistrationNumber}</dd>
            <dt>{t["field.slaTargetPercent"]}</dt><dd>{profile.SlaTargetPercent}%</dd>
            <dt>{t["onboarding.documentRevision"]}</dt><dd>{(api.DocumentRevision == 0 ? t["onboarding.noDocument"] : api.DocumentRevision.ToString(System.Globalization.CultureInfo.InvariantCulture))}</dd>
            </dl>
            """);
        var body = H($"""
            {page.Notice(message, errors.Count > 0 ? "error" : "success")}
            {page.ErrorSummary(errors)}
            {facts}
            {await ReviewDocumentView.RenderAsync(page, workflow, record, page.Http.RequestAborted)}
            <h2>{t["onboarding.findingsTitle"]}</h2>
            {Findings(page, record.Findings)}
            {ProposedChange(page, record)}
            {Actions(page, record)}
            <h2>{t["onboarding.historyTitle"]}</h2>
            {History(page, record.Decisions)}
            """);
        return page.Render(api.Name, body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static HtmlFragment Findings(PortalPage page, IReadOnlyList<ConformanceFinding> findings)
    {
        var t = page.T;
        if (findings.Count == 0)
            return H($"<p>{t["onboarding.noFindings"]}</p>");
        var rows = findings.Select(f => H($"<tr class=\"finding-{f.Severity.ToString().ToLowerInvariant()}\"><td>{t["severity." + f.Severity]}</td><td>{t["rule." + f.Rule]}</td><td><code>{f.Location}</code></td></tr>"));
        return H($"<div class=\"table\"><table><thead><tr><th scope=\"col\">{t["onboarding.severity"]}</th><th scope=\"col\">{t["onboarding.rule"]}</th><th scope=\"col\">{t["onboarding.location"]}</th></tr></thead><tbody>{rows}</tbody></table></div>");
    }

    /// <summary>Which request waits, in which stage of the approval profile, and who is expected to act next.</summary>
    private static HtmlFragment Waiting(PortalPage page, OnboardingRecord record)
    {
        if (record.Pending is not { } pending || record.WaitingStage is not { } stage)
            return HtmlFragment.Empty;
        var t = page.T;
        return H($"""
            <dt>{t["approval.waitingFor"]}</dt><dd>{t["approval.kind." + pending.Kind]} · {stage.Name}</dd>
            <dt>{t["approval.expected"]}</dt><dd>{(stage.ExternalAuthority is { } authority ? t.Format("approval.expectedExternal", authority, Roles(page, stage)) : Roles(page, stage))}</dd>
            <dt>{t["approval.profile"]}</dt><dd>{record.PendingProfile?.Title} ({record.PendingProfile?.Basis})</dd>
            """);
    }

    private static string Roles(PortalPage page, ApprovalStage stage) => string.Join(" / ", stage.DecidedBy.Select(r => page.T["role." + r]));

    /// <summary>What a pending change request would change on the live API, which keeps its approved settings meanwhile.</summary>
    private static HtmlFragment ProposedChange(PortalPage page, OnboardingRecord record)
    {
        if (record.Pending is not { Kind: ApprovalRequestKind.Change } pending || ApprovalWorkflow.ReadChange(pending) is not { } change)
            return HtmlFragment.Empty;
        var json = System.Text.Json.JsonSerializer.Serialize(change, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        });
        return H($"""
            <h2>{page.T["approval.changeTitle"]}</h2>
            <p>{page.T.Format("approval.changeIntro", pending.SubmittedByName, page.Time(pending.SubmittedAt))}</p>
            <pre class="code">{json}</pre>
            """);
    }

    private static HtmlFragment History(PortalPage page, IReadOnlyList<OnboardingDecision> decisions)
    {
        var t = page.T;
        var profiles = page.Http.RequestServices.GetRequiredService<ApprovalWorkflow>();
        // Older rows name a portal stage ("AwaitingSecurityReview"); the workflow's rows name the profile's stage key.
        string Stage(string key) => t["stage." + key] is var text && text != "stage." + key ? text
            : profiles.CurrentProfile.Stages.FirstOrDefault(s => s.Key == key)?.Name ?? key;
        string Letter(OnboardingDecision d) => d.LetterNumber is null ? "" : t.Format("approval.letter", d.LetterNumber, d.LetterDate?.ToString("yyyy-MM-dd"), d.LetterIssuer, d.LetterSha256);
        var rows = decisions.Select(d => H($"<tr><td>{page.Time(d.At)}</td><td>{d.Actor}</td><td>{t["decision." + d.Action]}{(d.Stage is null ? "" : " · " + Stage(d.Stage))}</td><td>{d.Notes ?? ""}{Letter(d)}</td></tr>"));
        return H($"<div class=\"table\"><table><thead><tr><th scope=\"col\">{t["onboarding.when"]}</th><th scope=\"col\">{t["onboarding.who"]}</th><th scope=\"col\">{t["onboarding.what"]}</th><th scope=\"col\">{t["onboarding.why"]}</th></tr></thead><tbody>{rows}</tbody></table></div>");
    }

    private static HtmlFragment Actions(PortalPage page, OnboardingRecord record)
    {
        var t = page.T;
        var user = page.User!;
        var id = record.Api.Id;
        var stage = record.Profile.Stage;
        if (user.Role == PortalRole.ApiPublisher && stage == OnboardingStage.Draft)
        {
            return H($"""
                <h2>{t["onboarding.submitTitle"]}</h2>
                <p>{t["onboarding.submitIntro"]}</p>
                {page.Form($"/portal/api/{id}/ajukan", H($"<button type=\"submit\" class=\"primary\">{t["onboarding.submit"]}</button>"))}
                <h2>{t["onboarding.replaceTitle"]}</h2>
                {page.Form($"/portal/api/{id}/dokumen", H($"<div class=\"field\"><label for=\"f-replaceFile\">{t["field.openApiFile"]}</label><input id=\"f-replaceFile\" name=\"openApiFile\" type=\"file\" accept=\".json,.yaml,.yml\"></div>{page.TextArea("openApiText", "field.openApiText", null, FormErrors.None, 4)}<button type=\"submit\">{t["onboarding.replace"]}</button>"), enctype: "multipart/form-data")}
                """);
        }
        // The stage's own roles decide (or, for an external authority, record its decision); four eyes is the workflow's.
        if (record.WaitingStage is not { } waiting || !waiting.DecidedBy.Contains(user.Role))
            return HtmlFragment.Empty;
        var letter = waiting.ExternalAuthority is null ? HtmlFragment.Empty : H($"""
            <fieldset><legend>{t.Format("approval.letterLegend", waiting.ExternalAuthority)}</legend>
            {page.Input("letterNumber", "field.letterNumber", null, FormErrors.None, required: true)}
            {page.Input("letterDate", "field.letterDate", null, FormErrors.None, type: "date", required: true)}
            {page.Input("letterIssuer", "field.letterIssuer", waiting.ExternalAuthority, FormErrors.None, required: true)}
            <div class="field"><label for="f-letterFile">{t["field.letterFile"]}</label><input id="f-letterFile" name="letterFile" type="file" required></div>
            </fieldset>
            """);
        return H($"""
            <h2>{t["review.decideTitle"]} · {waiting.Name}</h2>
            {page.Form($"/portal/api/{id}/keputusan", H($"""
                <input type="hidden" name="revision" value="{record.Api.DocumentRevision}">
                <fieldset><legend>{t["review.decision"]}</legend>
                <label><input type="radio" name="decision" value="approve" required> {t["review.approve"]}</label>
                <label><input type="radio" name="decision" value="reject"> {t["review.reject"]}</label>
                </fieldset>
                {letter}
                {page.TextArea("notes", "field.notes", null, FormErrors.None, 3, "review.notesHint")}
                <button type="submit" class="primary">{t["review.send"]}</button>
                """), enctype: waiting.ExternalAuthority is null ? null : "multipart/form-data")}
            """);
    }

    private static async Task<IResult> SubmitAsync(Guid id, HttpContext http, OnboardingWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        try
        {
            var (submitted, findings) = await workflow.SubmitAsync(page.User!, id, http.RequestAborted);
            await audit.RecordAsync(http, "api.submit", submitted ? "succeeded" : "refused", page.User!.Username, id.ToString(),
                new Dictionary<string, string?> { ["errors"] = findings.Count(f => f.Severity == ConformanceSeverity.Error).ToString(System.Globalization.CultureInfo.InvariantCulture), ["warnings"] = findings.Count(f => f.Severity == ConformanceSeverity.Warning).ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return await DetailAsync(page, workflow, id, page.T[submitted ? "onboarding.submitted" : "onboarding.blocked"],
                submitted ? FormErrors.None : new FormErrors().With("conformance", "onboarding.fixFindings"));
        }
        catch (RegistryConflictException ex)
        {
            return await DetailAsync(page, workflow, id, null, new FormErrors().With("api", ex.Message));
        }
    }

    private static async Task<IResult> ReplaceDocumentAsync(Guid id, HttpContext http, OnboardingWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (document, problem) = await ReadDocumentAsync(form);
        if (problem is not null || document is null)
            return await DetailAsync(page, workflow, id, null, new FormErrors().With("openApiDocument", problem ?? "onboarding.documentRequired"));
        try
        {
            await workflow.ReplaceDocumentAsync(page.User!, id, document, http.RequestAborted);
            await audit.RecordAsync(http, "api.document-replace", "succeeded", page.User!.Username, id.ToString());
            return await DetailAsync(page, workflow, id, page.T["onboarding.documentReplaced"], FormErrors.None);
        }
        catch (RegistryValidationException ex)
        {
            return await DetailAsync(page, workflow, id, null, new FormErrors(ex.Errors));
        }
        catch (RegistryConflictException ex)
        {
            return await DetailAsync(page, workflow, id, null, new FormErrors().With("api", ex.Message));
        }
    }

    /// <summary>The external authority's letter given with a decision, or null when the form carries none (a local stage).</summary>
    private static async Task<ExternalDecisionLetter?> ReadLetterAsync(IFormCollection form)
    {
        if (!form.ContainsKey("letterNumber") && form.Files.GetFile("letterFile") is null)
            return null;
        var file = form.Files.GetFile("letterFile");
        byte[]? content = null;
        if (file is { Length: > 0 and <= ExternalDecisionLetter.MaximumBytes })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        else if (file is { Length: > ExternalDecisionLetter.MaximumBytes })
            content = new byte[ExternalDecisionLetter.MaximumBytes + 1]; // refused by the workflow's size rule, named beside the field
        DateOnly? date = DateOnly.TryParseExact(form["letterDate"], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
        return new ExternalDecisionLetter(OpdPages.NullIfEmpty(form["letterNumber"]), date, OpdPages.NullIfEmpty(form["letterIssuer"]), file?.FileName, file?.ContentType, content);
    }

    private static async Task<IResult> DecideAsync(Guid id, HttpContext http, OnboardingWorkflow workflow, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var decision = form["decision"].ToString();
        if (decision is not ("approve" or "reject"))
            return await DetailAsync(page, workflow, id, null, new FormErrors().With("decision", "review.chooseDecision"));
        try
        {
            // The revision the reviewer was shown; a form without one decides on nothing.
            if (!int.TryParse(form["revision"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision))
                return await DetailAsync(page, workflow, id, null, new FormErrors().With("decision", "review.documentChanged"));
            var next = await workflow.DecideAsync(page.User!, id, decision == "approve", form["notes"], http.RequestAborted, revision, await ReadLetterAsync(form));
            await audit.RecordAsync(http, decision == "approve" ? "api.approve" : "api.reject", "succeeded", page.User!.Username, id.ToString(),
                new Dictionary<string, string?> { ["next"] = next.ToString(), ["notes"] = OpdPages.NullIfEmpty(form["notes"]) });
            return await DetailAsync(page, workflow, id, page.T["review.recorded"], FormErrors.None);
        }
        catch (RegistryValidationException ex)
        {
            return await DetailAsync(page, workflow, id, null, new FormErrors(ex.Errors));
        }
        catch (RegistryConflictException ex)
        {
            await audit.RecordAsync(http, "api.decide", "refused", page.User!.Username, id.ToString(), new Dictionary<string, string?> { ["reason"] = ex.Message });
            return ex.Message == "onboarding.notFound" ? page.NotFound() : await DetailAsync(page, workflow, id, null, new FormErrors().With("decision", ex.Message));
        }
    }
}
