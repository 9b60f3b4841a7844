using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Components.Accounts;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;

namespace SpbeConnector.Portal.Accounts.Pages;

/// <summary>Signing in (password, or a passkey alone) and out, changing one's password, and choosing the language.</summary>
public static class AccountPages
{
    public const string SignInPath = "/portal/masuk";

    public static void Map(RouteGroupBuilder open, RouteGroupBuilder signedIn)
    {
        open.MapGet("/masuk", (HttpContext http) => LoginPage(new PortalPage(http), null, null));
        open.MapPost("/masuk", SignInAsync);
        // As a Delegate: a method taking only HttpContext would bind as a RequestDelegate, whose result (the redirect)
        // is dropped and which bypasses the endpoint filters (the anti-forgery check among them).
        open.MapPost("/bahasa", (Delegate)ChooseLanguageAsync);
        signedIn.MapPost("/keluar", SignOutAsync);
        signedIn.MapGet("/kata-sandi", (HttpContext http, IOptions<PortalOptions> options) => PasswordPage(new PortalPage(http), FormErrors.None, options.Value));
        signedIn.MapPost("/kata-sandi", ChangePasswordAsync);
        SignInSecondStepPages.Map(open);
    }

    internal static IResult LoginPage(PortalPage page, string? username, string? refusal, int status = StatusCodes.Status200OK) =>
        PortalView.Of<SignInPage>(new SignInModel(username, refusal, ReturnOf(page.Http.Request.Query["ReturnUrl"])), status);

    /// <summary>Where a person was going, when they said: only ever a path of the portal (<see cref="SafeReturn"/>).</summary>
    internal static string? ReturnOf(string? returnUrl) => string.IsNullOrEmpty(returnUrl) ? null : SafeReturn(returnUrl);

    /// <summary>
    /// Password sign-in through Identity: a disabled account is refused before anything (NotAllowed), a locked one
    /// even with the right password, each wrong password counts toward the lockout (Pasal 59 ayat (4) huruf d). An
    /// account with a second factor goes on to it; one without, but whose role needs it, to enrolment.
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpContext http, UserManager<PortalAccount> users, PortalSignInManager signIn, PortalAccountService accounts,
        PortalAudit audit, TimeProvider clock, IOptions<PortalOptions> options)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var username = form["username"].ToString();
        var returnUrl = http.Request.Query["ReturnUrl"].ToString();
        var account = await users.FindByNameAsync(username.Trim().ToLowerInvariant());
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (account is null)
        {
            // As long as a real check, so that the answer does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(new PortalAccount(), DecoyHash(users), form["password"].ToString());
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(account, form["password"].ToString(), isPersistent: false, lockoutOnFailure: true);
        }
        var outcome = Outcome(result);
        await audit.RecordAsync(http, "login", result.Succeeded || result.RequiresTwoFactor ? "succeeded" : "refused", account?.Username ?? "(unknown)", "portal",
            new Dictionary<string, string?> { ["outcome"] = outcome, ["method"] = "password" });
        if (result.Succeeded)
            return await SignedInAsync(http, account!, accounts, returnUrl);
        if (result.RequiresTwoFactor)
            return Results.Redirect(SignInSecondStepPages.CodePath + (string.IsNullOrEmpty(returnUrl) ? "" : "?ReturnUrl=" + Uri.EscapeDataString(SafeReturn(returnUrl))));
        if (result.IsLockedOut)
            return LockedOut(page, username, account!, options.Value, clock);
        if (result.IsNotAllowed)
            return LoginPage(page, username, page.T["login.disabled"], StatusCodes.Status403Forbidden);
        return LoginPage(page, username, page.T["login.invalid"], StatusCodes.Status401Unauthorized);
    }

    internal static string Outcome(Microsoft.AspNetCore.Identity.SignInResult result) =>
        result.Succeeded ? "Succeeded" : result.RequiresTwoFactor ? "SecondFactorRequired" : result.IsLockedOut ? "LockedOut" : result.IsNotAllowed ? "Disabled" : "InvalidCredentials";

    internal static IResult LockedOut(PortalPage page, string? username, PortalAccount account, PortalOptions options, TimeProvider clock)
    {
        var minutes = Math.Max(1, Math.Ceiling(((account.LockoutEnd ?? clock.GetUtcNow()) - clock.GetUtcNow()).TotalMinutes));
        return LoginPage(page, username, page.T.Format("login.locked", options.MaximumFailedLogins, minutes), StatusCodes.Status423Locked);
    }

    /// <summary>
    /// Where a completed sign-in leads: the password change owed first, then the enrolment of a second factor for a
    /// person who has none (required for some roles, offered to the others), else where they were going.
    /// </summary>
    internal static async Task<IResult> SignedInAsync(HttpContext http, PortalAccount account, PortalAccountService accounts, string? returnUrl)
    {
        await accounts.RecordSignInAsync(account);
        var enrolment = http.RequestServices.GetRequiredService<SecondFactorEnrolment>();
        if (!(await enrolment.StateAsync(account)).Any)
            return Results.Redirect($"{SecondFactorRule.EnrolmentPath}?ReturnUrl={Uri.EscapeDataString(SafeReturn(returnUrl))}");
        return Results.Redirect(SafeReturn(returnUrl));
    }

    private static string? _decoyHash;

    /// <summary>A hash of a random password nobody knows, made with the current parameters.</summary>
    private static string DecoyHash(UserManager<PortalAccount> users) =>
        _decoyHash ??= users.PasswordHasher.HashPassword(new PortalAccount(), Guid.NewGuid().ToString());

    private static async Task<IResult> SignOutAsync(HttpContext http, PortalAudit audit)
    {
        await audit.RecordAsync(http, "logout", "succeeded", http.User.Identity?.Name, "portal");
        await http.SignOutAsync(PortalSessionDefaults.Scheme);
        return Results.Redirect(SignInPath);
    }

    private static IResult PasswordPage(PortalPage page, FormErrors errors, PortalOptions options) =>
        PortalView.Of<PasswordPage>(new PasswordModel(errors, page.User?.MustChangePassword == true, options.PasswordMinimumLength, options.PasswordCharacterTypes),
            errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, PortalAccountService accounts, PortalSignInManager signIn, PortalAudit audit,
        IOptions<PortalOptions> options)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["newPassword"] != form["confirmPassword"])
            return PasswordPage(page, new FormErrors().With("confirmPassword", "password.mismatch"), options.Value);
        try
        {
            var account = await accounts.ChangePasswordAsync(page.User!.AccountId, form["currentPassword"], form["newPassword"], http.RequestAborted);
            await audit.RecordAsync(http, "password.change", "succeeded", account.Username, account.Username);
            // The stamp changed: the session is issued anew, every other session of this account has ended.
            await signIn.ReissueAsync(account, SecondFactorRule.WasPresented(http.User));
            return Results.Redirect("/portal?changed=1");
        }
        catch (RegistryValidationException ex)
        {
            await audit.RecordAsync(http, "password.change", "refused", page.User!.Username, page.User.Username);
            return PasswordPage(page, FormErrors.Of(ex, page.T), options.Value);
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
