using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Accounts.Pages;

/// <summary>
/// The platform administrator's account management: new accounts with a temporary password, recovery by a new
/// temporary password (Pasal 59 ayat (4) huruf e) or of a lost second factor, disabling and enabling. Every change goes to the audit log.
/// </summary>
public static class AccountAdministrationPages
{
    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/pengguna", async (HttpContext http, PortalAccountService accounts, RegistryCatalog catalog) =>
            await AccountsPageAsync(new PortalPage(http), accounts, catalog, FormErrors.None, null, null));
        signedIn.MapPost("/pengguna", CreateAsync);
        signedIn.MapPost("/pengguna/{username}/atur-ulang", ResetAsync);
        signedIn.MapPost("/pengguna/{username}/status", SetStatusAsync);
        signedIn.MapPost("/pengguna/{username}/faktor-kedua", ResetSecondFactorAsync);
    }

    private static async Task<IResult> AccountsPageAsync(PortalPage page, PortalAccountService accounts, RegistryCatalog catalog, FormErrors errors,
        Microsoft.AspNetCore.Http.IFormCollection? form, string? message)
    {
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var t = page.T;
        var ct = page.Http.RequestAborted;
        var list = await accounts.ListAsync(ct);
        var opds = await catalog.ListOpdsAsync(ct);
        var rows = list.Select(a => H($"""
            <tr><td>{a.Username}</td><td>{a.DisplayName}</td><td>{page.RoleName(a.Role)}</td><td>{a.Opd?.Code ?? "—"}</td>
            <td>{(a.Disabled ? t["account.disabled"] : a.LockedUntil > DateTimeOffset.UtcNow ? t["account.locked"] : a.MustChangePassword ? t["account.mustChange"] : t["account.active"])}</td>
            <td>{(a.TwoFactorEnabled ? t["account.secondFactorOn"] : t["account.secondFactorOff"])}</td>
            <td>{page.Form($"/portal/pengguna/{a.Username}/atur-ulang", H($"{page.Input("password", "field.temporaryPassword", null, FormErrors.None, "password", true, autocomplete: "new-password", id: "reset-" + a.Username)}<button type=\"submit\">{t["account.reset"]}</button>"), "inline")}
            {page.Form($"/portal/pengguna/{a.Username}/status", H($"<input type=\"hidden\" name=\"disabled\" value=\"{(a.Disabled ? "false" : "true")}\"><button type=\"submit\">{(a.Disabled ? t["account.enable"] : t["account.disable"])}</button>"), "inline")}
            {(a.TwoFactorEnabled ? page.Form($"/portal/pengguna/{a.Username}/faktor-kedua", H($"<button type=\"submit\">{t["account.resetSecondFactor"]}</button>"), "inline") : HtmlFragment.Empty)}</td></tr>
            """));
        var roles = Enum.GetValues<PortalRole>().Select(r => (r.ToString(), page.RoleName(r)));
        var opdOptions = new[] { ("", t["account.noOpd"]) }.Concat(opds.Select(o => (o.Code, $"{o.Code} — {o.Name}")));
        var body = H($"""
            {page.Notice(message, "success")}
            <h2>{t["account.listTitle"]}</h2>
            <div class="table"><table><thead><tr><th scope="col">{t["field.username"]}</th><th scope="col">{t["field.displayName"]}</th><th scope="col">{t["field.role"]}</th><th scope="col">{t["field.opdCode"]}</th><th scope="col">{t["account.state"]}</th><th scope="col">{t["account.secondFactor"]}</th><th scope="col">{t["account.actions"]}</th></tr></thead>
            <tbody>{rows}</tbody></table></div>
            <h2>{t["account.createTitle"]}</h2>
            <p>{t["account.createIntro"]}</p>
            {page.ErrorSummary(errors)}
            {page.Form("/portal/pengguna", H($"{page.Input("username", "field.username", form?["username"], errors, required: true)}{page.Input("displayName", "field.displayName", form?["displayName"], errors, required: true)}{page.Select("role", "field.role", roles, form?["role"], errors)}{page.Select("opdCode", "field.opdCode", opdOptions, form?["opdCode"], errors)}{page.Input("password", "field.temporaryPassword", null, errors, "password", true, autocomplete: "new-password")}<button type=\"submit\" class=\"primary\">{t["account.create"]}</button>"))}
            """);
        return page.Render(t["account.title"], body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static Task<IResult> CreateAsync(HttpContext http, PortalAccountService accounts, RegistryCatalog catalog, PortalAudit audit) =>
        ActAsync(http, accounts, catalog, async (page, form) =>
        {
            if (!Enum.TryParse<PortalRole>(form["role"], out var role))
                throw new RegistryValidationException(new Dictionary<string, string[]> { ["role"] = ["account.roleInvalid"] });
            var account = await accounts.CreateAsync(new PortalAccountInput(form["username"].ToString(), form["displayName"].ToString(), role,
                string.IsNullOrEmpty(form["opdCode"]) ? null : form["opdCode"].ToString(), form["password"].ToString()), mustChangePassword: true, http.RequestAborted);
            await audit.RecordAsync(http, "account.create", "succeeded", page.User!.Username, account.Username,
                new Dictionary<string, string?> { ["role"] = role.ToString(), ["opd"] = account.Opd?.Code });
            return page.T.Format("account.created", account.Username);
        }, keepForm: true);

    private static Task<IResult> ResetAsync(string username, HttpContext http, PortalAccountService accounts, RegistryCatalog catalog, PortalAudit audit) =>
        ActAsync(http, accounts, catalog, async (page, form) =>
        {
            var account = await accounts.ResetPasswordAsync(username, form["password"], http.RequestAborted);
            if (account is null)
                return null;
            await audit.RecordAsync(http, "account.password-reset", "succeeded", page.User!.Username, account.Username);
            return page.T.Format("account.resetDone", account.Username);
        });

    private static Task<IResult> SetStatusAsync(string username, HttpContext http, PortalAccountService accounts, RegistryCatalog catalog, PortalAudit audit) =>
        ActAsync(http, accounts, catalog, async (page, form) =>
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
    private static Task<IResult> ResetSecondFactorAsync(string username, HttpContext http, PortalAccountService accounts, RegistryCatalog catalog, PortalAudit audit) =>
        ActAsync(http, accounts, catalog, async (page, form) =>
        {
            var account = await accounts.ResetSecondFactorAsync(username, http.RequestAborted);
            if (account is null)
                return null;
            await audit.RecordAsync(http, "account.second-factor-reset", "succeeded", page.User!.Username, account.Username);
            return page.T.Format("account.secondFactorResetDone", account.Username);
        });

    /// <summary>
    /// One administrator action: only for the platform administrator; the action returns the message to show, or null
    /// when the account does not exist; rule violations come back on the page with the form as it was sent.
    /// </summary>
    private static async Task<IResult> ActAsync(HttpContext http, PortalAccountService accounts, RegistryCatalog catalog,
        Func<PortalPage, IFormCollection, Task<string?>> action, bool keepForm = false)
    {
        var page = new PortalPage(http);
        if (page.User!.Role != PortalRole.PlatformAdministrator)
            return page.Forbidden();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            var message = await action(page, form);
            return message is null ? page.NotFound() : await AccountsPageAsync(page, accounts, catalog, FormErrors.None, null, message);
        }
        catch (RegistryValidationException ex)
        {
            return await AccountsPageAsync(page, accounts, catalog, new FormErrors(ex.Errors), keepForm ? form : null, null);
        }
    }
}
