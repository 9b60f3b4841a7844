using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>The administrator registers OPDs through the same catalog rules as <c>POST /admin/v1/opds</c>.</summary>
public static class OpdPages
{
    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/opd", async (HttpContext http, RegistryCatalog catalog) => await OpdPageAsync(new PortalPage(http), catalog, FormErrors.None, null, null));
        signedIn.MapPost("/opd", async (HttpContext http, RegistryCatalog catalog, PortalAudit audit) =>
        {
            var page = new PortalPage(http);
            if (page.User!.Role != PortalRole.PlatformAdministrator)
                return page.Forbidden();
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            try
            {
                var opd = await catalog.CreateOpdAsync(new OpdInput(form["code"].ToString().Trim(), form["name"].ToString(), NullIfEmpty(form["tenantDomain"])), http.RequestAborted);
                await audit.RecordAsync(http, "opd.create", "succeeded", page.User.Username, opd.Code);
                return await OpdPageAsync(page, catalog, FormErrors.None, null, page.T.Format("opd.created", opd.Code));
            }
            catch (RegistryValidationException ex)
            {
                return await OpdPageAsync(page, catalog, new FormErrors(ex.Errors), form, null);
            }
            catch (RegistryConflictException ex)
            {
                return await OpdPageAsync(page, catalog, new FormErrors().With("code", ex.Message), form, null);
            }
        });
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IResult> OpdPageAsync(PortalPage page, RegistryCatalog catalog, FormErrors errors, IFormCollection? form, string? message)
    {
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var t = page.T;
        var opds = await catalog.ListOpdsAsync(page.Http.RequestAborted);
        var body = H($"""
            {page.Notice(message, "success")}
            <div class="table"><table><thead><tr><th scope="col">{t["field.code"]}</th><th scope="col">{t["field.name"]}</th><th scope="col">{t["field.tenantDomain"]}</th></tr></thead>
            <tbody>{opds.Select(o => H($"<tr><td>{o.Code}</td><td>{o.Name}</td><td>{o.TenantDomain ?? "—"}</td></tr>"))}</tbody></table></div>
            <h2>{t["opd.createTitle"]}</h2>
            {page.ErrorSummary(errors)}
            {page.Form("/portal/opd", H($"{page.Input("code", "field.code", form?["code"], errors, required: true, hintKey: "opd.codeHint")}{page.Input("name", "field.name", form?["name"], errors, required: true)}{page.Input("tenantDomain", "field.tenantDomain", form?["tenantDomain"], errors)}<button type=\"submit\" class=\"primary\">{t["opd.create"]}</button>"))}
            """);
        return page.Render(t["opd.title"], body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
