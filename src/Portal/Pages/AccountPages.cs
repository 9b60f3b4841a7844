using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Portal.Accounts;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Pages;

/// <summary>Signing in and out, changing one's password, and choosing the language.</summary>
public static class AccountPages
{
    public static void Map(RouteGroupBuilder open, RouteGroupBuilder signedIn)
    {
        open.MapGet("/masuk", (HttpContext http) => LoginPage(new PortalPage(http), null, FormErrors.None, null));
        open.MapPost("/masuk", SignInAsync);
        // As a Delegate: a method taking only HttpContext would bind as a RequestDelegate, whose result (the redirect)
        // is dropped and which bypasses the endpoint filters (the anti-forgery check among them).
        open.MapPost("/bahasa", (Delegate)ChooseLanguageAsync);
        signedIn.MapPost("/keluar", SignOutAsync);
        signedIn.MapGet("/kata-sandi", (HttpContext http, IOptions<PortalOptions> options) => PasswordPage(new PortalPage(http), FormErrors.None, null, options.Value));
        signedIn.MapPost("/kata-sandi", ChangePasswordAsync);
    }

    private static IResult LoginPage(PortalPage page, string? username, FormErrors errors, string? message, int status = StatusCodes.Status200OK)
    {
        var t = page.T;
        var body = H($"""
            <p>{t["login.intro"]}</p>
            {page.Notice(message, "error")}
            {page.Form("/portal/masuk", H($"{page.Input("username", "field.username", username, errors, required: true, autocomplete: "username")}{page.Input("password", "field.password", null, errors, "password", required: true, autocomplete: "current-password")}<button type=\"submit\" class=\"primary\">{t["login.submit"]}</button>"))}
            <p class="hint">{t["login.forgot"]}</p>
            """);
        return page.Render(t["login.title"], body, status);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, PortalAccountService accounts, PortalAudit audit, TimeProvider clock, IOptions<PortalOptions> options)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var username = form["username"].ToString();
        var result = await accounts.SignInAsync(username, form["password"], http.RequestAborted);
        await audit.RecordAsync(http, "login", result.Outcome == SignInOutcome.Succeeded ? "succeeded" : "refused", result.Account?.Username ?? "(unknown)", "portal",
            new Dictionary<string, string?> { ["outcome"] = result.Outcome.ToString() });
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                // A new session cookie at every login (Pasal 59 ayat (5) huruf e): a cookie planted before cannot be carried over.
                var principal = PortalPrincipal.Create(result.Account!, result.MustChangePassword, clock.GetUtcNow());
                await http.SignInAsync(PortalSessionDefaults.Scheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
                return Results.Redirect(result.MustChangePassword ? PortalRequestFilter.PasswordPath : SafeReturn(http.Request.Query["ReturnUrl"]));
            case SignInOutcome.LockedOut:
                return LoginPage(page, username, FormErrors.None,
                    page.T.Format("login.locked", options.Value.MaximumFailedLogins, Math.Ceiling((result.LockedUntil!.Value - clock.GetUtcNow()).TotalMinutes)), StatusCodes.Status423Locked);
            case SignInOutcome.Disabled:
                return LoginPage(page, username, FormErrors.None, page.T["login.disabled"], StatusCodes.Status403Forbidden);
            default:
                return LoginPage(page, username, FormErrors.None, page.T["login.invalid"], StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, PortalAudit audit)
    {
        await audit.RecordAsync(http, "logout", "succeeded", http.User.Identity?.Name, "portal");
        await http.SignOutAsync(PortalSessionDefaults.Scheme);
        return Results.Redirect("/portal/masuk");
    }

    private static IResult PasswordPage(PortalPage page, FormErrors errors, string? message, PortalOptions options)
    {
        var t = page.T;
        var intro = page.User?.MustChangePassword == true ? page.Notice(t["password.mustChange"], "warning") : HtmlFragment.Empty;
        var body = H($"""
            {intro}{page.Notice(message, "success")}
            <p>{t.Format("password.rules", options.PasswordMinimumLength, options.PasswordCharacterTypes)}</p>
            {page.ErrorSummary(errors)}
            {page.Form(PortalRequestFilter.PasswordPath, H($"{page.Input("currentPassword", "field.currentPassword", null, errors, "password", true, autocomplete: "current-password")}{page.Input("newPassword", "field.newPassword", null, errors, "password", true, autocomplete: "new-password")}{page.Input("confirmPassword", "field.confirmPassword", null, errors, "password", true, autocomplete: "new-password")}<button type=\"submit\" class=\"primary\">{t["password.submit"]}</button>"))}
            """);
        return page.Render(t["password.title"], body, errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, PortalAccountService accounts, PortalAudit audit, TimeProvider clock, IOptions<PortalOptions> options)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["newPassword"] != form["confirmPassword"])
            return PasswordPage(page, new FormErrors().With("confirmPassword", "password.mismatch"), null, options.Value);
        try
        {
            var account = await accounts.ChangePasswordAsync(page.User!.AccountId, form["currentPassword"], form["newPassword"], http.RequestAborted);
            await audit.RecordAsync(http, "password.change", "succeeded", account.Username, account.Username);
            // The stamp changed: the session is issued anew, every other session of this account has ended.
            var full = await accounts.FindAsync(account.Id, http.RequestAborted);
            await http.SignInAsync(PortalSessionDefaults.Scheme, PortalPrincipal.Create(full!, false, clock.GetUtcNow()));
            return Results.Redirect("/portal?changed=1");
        }
        catch (RegistryValidationException ex)
        {
            await audit.RecordAsync(http, "password.change", "refused", page.User!.Username, page.User.Username);
            return PasswordPage(page, new FormErrors(ex.Errors), null, options.Value);
        }
    }

    private static async Task<IResult> ChooseLanguageAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var language = PortalText.Languages.Contains(form["lang"].ToString()) ? form["lang"].ToString() : PortalText.DefaultLanguage;
        http.Response.Cookies.Append(PortalText.CookieName, language, new CookieOptions
        {
            Path = "/portal", Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
        return Results.Redirect(SafeReturn(form["returnUrl"]));
    }

    /// <summary>Only a path of the portal itself: never an open redirect to another site.</summary>
    internal static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith("/portal", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url : "/portal";
}
