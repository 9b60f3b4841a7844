using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Components.Plans;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The administrator's plans (Pasal 59 ayat (13) huruf c-e): listed with their limits, created and changed through the
/// same <see cref="PlanCatalog"/> rules as <c>POST</c> and <c>PUT /admin/v1/plans</c>; every change is in the audit
/// log and answers with a redirect to the list (POST-redirect-GET). Deleting stays in the admin API, which names the
/// subscriptions and APIs that still depend on a plan.
/// </summary>
public static class PlanPages
{
    public const string Path = "/portal/paket";

    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/paket", async (HttpContext http, PlanCatalog catalog) =>
            await ListAsync(new PortalPage(http), catalog, PlanFormValues.Empty, FormErrors.None));
        signedIn.MapPost("/paket", CreateAsync);
        signedIn.MapGet("/paket/{name}", async (string name, HttpContext http, PlanCatalog catalog) =>
        {
            var page = new PortalPage(http);
            if (page.User!.Role != PortalRole.PlatformAdministrator)
                return page.Forbidden();
            return await catalog.FindPlanAsync(name, http.RequestAborted) is { } plan
                ? PortalView.Of<PlanEditPage>((PlanFormValues.From(plan), FormErrors.None))
                : page.NotFound();
        });
        signedIn.MapPost("/paket/{name}", UpdateAsync);
    }

    private static async Task<IResult> ListAsync(PortalPage page, PlanCatalog catalog, PlanFormValues typed, FormErrors errors)
    {
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var plans = await catalog.ListPlansAsync(page.Http.RequestAborted);
        return PortalView.Of<PlanListPage>(new PlanListModel(plans, typed, errors, PortalNotice.Take(page.Http)),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, PlanCatalog catalog, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var typed = PlanFormValues.From(await http.Request.ReadFormAsync(http.RequestAborted));
        var errors = new FormErrors();
        var input = typed.ToInput(errors);
        if (errors.Count > 0)
            return await ListAsync(page, catalog, typed, errors);
        try
        {
            var plan = await catalog.CreatePlanAsync(input, http.RequestAborted);
            await audit.RecordAsync(http, "plan.create", "succeeded", page.User.Username, plan.Name, Described(plan));
            return PortalNotice.RedirectWith(http, Path, page.T.Format("plan.created", plan.Name));
        }
        catch (RegistryValidationException ex)
        {
            return await ListAsync(page, catalog, typed, FormErrors.Of(ex, page.T));
        }
        catch (RegistryConflictException)
        {
            return await ListAsync(page, catalog, typed, new FormErrors().With("name", "plan.nameTaken"));
        }
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext http, PlanCatalog catalog, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        // The name is the address's, never the form's: a plan keeps its name (subscriptions and APIs name it).
        var typed = PlanFormValues.From(await http.Request.ReadFormAsync(http.RequestAborted), name);
        var errors = new FormErrors();
        var input = typed.ToInput(errors);
        if (errors.Count > 0)
            return PortalView.Of<PlanEditPage>((typed, errors), StatusCodes.Status400BadRequest);
        try
        {
            var plan = await catalog.UpdatePlanAsync(name, input, http.RequestAborted);
            if (plan is null)
                return page.NotFound();
            await audit.RecordAsync(http, "plan.update", "succeeded", page.User.Username, plan.Name, Described(plan));
            return PortalNotice.RedirectWith(http, Path, page.T.Format("plan.saved", plan.Name));
        }
        catch (RegistryValidationException ex)
        {
            return PortalView.Of<PlanEditPage>((typed, FormErrors.Of(ex, page.T)), StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The limits as the audit log keeps them: what was decided, not only that something changed.</summary>
    private static Dictionary<string, string?> Described(Plan plan) => new()
    {
        ["requestsPerSecond"] = plan.RequestsPerSecond?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["requestsPerMinute"] = plan.RequestsPerMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["dailyQuota"] = plan.DailyQuota?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["monthlyQuota"] = plan.MonthlyQuota?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["maxConcurrentRequests"] = plan.MaxConcurrentRequests?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["administratorOnly"] = plan.AdministratorOnly ? "true" : "false",
    };
}
