using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Components.Administration;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Accounts.Pages;

/// <summary>
/// The platform administrator's account management: accounts searched and paged, new accounts with a temporary
/// password and a role the administrator chooses, recovery by a new temporary password (Pasal 59 ayat (4) huruf e) or
/// of a lost second factor, disabling (after a confirmation page) and enabling. Every change goes to the audit log and
/// answers with a redirect to the list (POST-redirect-GET), its outcome shown once there.
/// </summary>
public static class AccountAdministrationPages
{
    public const string Path = "/portal/pengguna";

    /// <summary>Accounts per page of the list.</summary>
    public const int PageSize = 25;

    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/pengguna", async (HttpContext http, PortalAccountService accounts, OpdCatalog catalog) =>
            await ListAsync(new PortalPage(http), accounts, catalog, FormErrors.None, new Dictionary<string, string?>()));
        signedIn.MapGet("/pengguna/{username}/nonaktifkan", ConfirmDisableAsync);
        signedIn.MapPost("/pengguna", CreateAsync);
        signedIn.MapPost("/pengguna/{username}/atur-ulang", ResetAsync);
        signedIn.MapPost("/pengguna/{username}/status", SetStatusAsync);
        signedIn.MapPost("/pengguna/{username}/faktor-kedua", ResetSecondFactorAsync);
    }

    private static async Task<IResult> ListAsync(PortalPage page, PortalAccountService accounts, OpdCatalog catalog, FormErrors errors,
        IReadOnlyDictionary<string, string?> typed)
    {
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var http = page.Http;
        var ct = http.RequestAborted;
        var search = http.Request.Query["q"].ToString() is { Length: > 0 } q ? q.Trim() : null;
        var number = int.TryParse(http.Request.Query["halaman"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var (items, total) = await accounts.SearchAsync(search, (number - 1) * PageSize, PageSize, ct);
        var opds = await catalog.ListOpdsAsync(ct);
        var model = new AccountListModel(items, total, number, Math.Max(1, (total + PageSize - 1) / PageSize), search,
            opds.Select(o => (o.Code, $"{o.Code} — {o.Name}")).ToList(), errors, typed, PortalNotice.Take(http));
        return PortalView.Of<AccountListPage>(model, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ConfirmDisableAsync(string username, HttpContext http, PortalAccountService accounts)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        return await accounts.FindByUsernameAsync(username, http.RequestAborted) is { } account
            ? PortalView.Of<AccountDisablePage>((account, FormErrors.None))
            : page.NotFound();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, PortalAccountService accounts, OpdCatalog catalog, PortalAudit audit)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            // No role is preselected on the form (least privilege): a missing or unknown one is refused beside the field.
            if (!Enum.TryParse<PortalRole>(form["role"], out var role) || !Enum.IsDefined(role) || !char.IsLetter(form["role"].ToString()[0]))
                throw new RegistryValidationException(new Dictionary<string, string[]> { ["role"] = ["account.roleInvalid"] });
            var account = await accounts.CreateAsync(new PortalAccountInput(form["username"].ToString(), form["displayName"].ToString(), role,
                string.IsNullOrEmpty(form["opdCode"]) ? null : form["opdCode"].ToString(), form["password"].ToString()), mustChangePassword: true, http.RequestAborted);
            await audit.RecordAsync(http, "account.create", "succeeded", page.User.Username, account.Username,
                new Dictionary<string, string?> { ["role"] = role.ToString(), ["opd"] = account.Opd?.Code });
            return PortalNotice.RedirectWith(http, Path, page.T.Format("account.created", account.Username));
        }
        catch (RegistryValidationException ex)
        {
            // The form comes back with what was typed (never the password) and each problem beside its field.
            var typed = new[] { "username", "displayName", "role", "opdCode" }.ToDictionary(f => f, f => (string?)form[f].ToString());
            return await ListAsync(page, accounts, catalog, FormErrors.Of(ex, page.T), typed);
        }
    }

    private static Task<IResult> ResetAsync(string username, HttpContext http, PortalAccountService accounts, PortalAudit audit) =>
        ActAsync(http, async (page, form) =>
        {
            var account = await accounts.ResetPasswordAsync(username, form["password"], http.RequestAborted);
            if (account is null)
                return null;
            await audit.RecordAsync(http, "account.password-reset", "succeeded", page.User!.Username, account.Username);
            return page.T.Format("account.resetDone", account.Username);
        });

    private static Task<IResult> SetStatusAsync(string username, HttpContext http, PortalAccountService accounts, PortalAudit audit) =>
        ActAsync(http, async (page, form) =>
        {
            var disabled = form["disabled"] == "true";
            if (disabled && username == page.User!.Username)
                throw new RegistryValidationException(new Dictionary<string, string[]> { ["username"] = ["account.cannotDisableSelf"] });
            var account = await accounts.SetDisabledAsync(username, disabled, http.RequestAborted);
            if (account is null)
                return null;
            await audit.RecordAsync(http, disabled ? "account.disable" : "account.enable", "succeeded", page.User!.Username, account.Username);
            return page.T.Format(disabled ? "account.disabledDone" : "account.enabledDone", account.Username);
        });

    /// <summary>Recovery of a lost second factor: the person enrols a new one at their next sign-in.</summary>
    private static Task<IResult> ResetSecondFactorAsync(string username, HttpContext http, PortalAccountService accounts, PortalAudit audit) =>
        ActAsync(http, async (page, _) =>
        {
            var account = await accounts.ResetSecondFactorAsync(username, http.RequestAborted);
            if (account is null)
                return null;
            await audit.RecordAsync(http, "account.second-factor-reset", "succeeded", page.User!.Username, account.Username);
            return page.T.Format("account.secondFactorResetDone", account.Username);
        });

    /// <summary>
    /// One action on an existing account: only for the platform administrator; the action returns the outcome to show
    /// on the list after the redirect, or null when the account does not exist. A rule's refusal is shown on the list
    /// too (the action's form holds only a password or a button, nothing typed is lost).
    /// </summary>
    private static async Task<IResult> ActAsync(HttpContext http, Func<PortalPage, IFormCollection, Task<string?>> action)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            return await action(page, form) is { } message ? PortalNotice.RedirectWith(http, Path, message) : page.NotFound();
        }
        catch (RegistryValidationException ex)
        {
            return PortalNotice.RedirectWith(http, Path, string.Join(" ", ex.Errors.SelectMany(e => e.Value).Select(p => page.T[p])), refused: true);
        }
    }
}
