using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Messages;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Components.Administration;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Pages;

/// <summary>
/// The administrator registers OPDs through the same catalog rules as <c>POST /admin/v1/opds</c>; a registration is in
/// the audit log and answers with a redirect to the list (POST-redirect-GET).
/// </summary>
public static class OpdPages
{
    private static readonly string[] Fields = ["code", "name", "tenantDomain"];

    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/opd", async (HttpContext http, OpdCatalog catalog) => await ListAsync(new PortalPage(http), catalog, FormErrors.None, null));
        signedIn.MapPost("/opd", async (HttpContext http, OpdCatalog catalog, PortalAudit audit) =>
        {
            var page = new PortalPage(http);
            if (page.User!.Role != PortalRole.PlatformAdministrator)
                return page.Forbidden();
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            try
            {
                var opd = await catalog.CreateOpdAsync(new OpdInput(form["code"].ToString().Trim(), form["name"].ToString(), NullIfEmpty(form["tenantDomain"])), http.RequestAborted);
                await audit.RecordAsync(http, "opd.create", "succeeded", page.User.Username, opd.Code);
                return PortalNotice.RedirectWith(http, "/portal/opd", page.T.Format("opd.created", opd.Code));
            }
            catch (RegistryValidationException ex)
            {
                return await ListAsync(page, catalog, FormErrors.Of(ex, page.T, OpdListModel.Fields), form);
            }
            catch (RegistryConflictException ex)
            {
                var field = ex.Problem.MessageId == RegistryMessages.OpdTenantDomainTaken.Id ? "tenantDomain" : "code";
                return await ListAsync(page, catalog, FormErrors.Of(ex, page.T, field, OpdListModel.Fields), form);
            }
        });
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IResult> ListAsync(PortalPage page, OpdCatalog catalog, FormErrors errors, IFormCollection? form)
    {
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var opds = await catalog.ListOpdsAsync(page.Http.RequestAborted);
        var typed = Fields.ToDictionary(f => f, f => form is null ? null : (string?)form[f].ToString());
        return PortalView.Of<OpdListPage>(new OpdListModel(opds, typed, errors, PortalNotice.Take(page.Http)),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
