using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Components.Accounts;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;

namespace SpbeConnector.Portal.Accounts.Pages;

/// <summary>
/// The second step of a sign-in, after the password (Identity's two-factor cookie names the account for a few
/// minutes): a code from the authenticator app, a recovery code, or the person's passkey. A passkey also signs in
/// alone from the sign-in page: it is possession and user verification at once. Wrong codes count toward the lockout.
/// </summary>
public static class SignInSecondStepPages
{
    public const string CodePath = "/portal/masuk/kode";
    public const string RecoveryPath = "/portal/masuk/pemulihan";
    public const string PasskeyPath = "/portal/masuk/passkey";
    public const string PasskeyOptionsPath = "/portal/masuk/passkey/opsi";

    public static void Map(RouteGroupBuilder open)
    {
        open.MapGet("/masuk/kode", (HttpContext http, PortalSignInManager signIn, SecondFactorEnrolment enrolment) => CodePageAsync(new PortalPage(http), signIn, enrolment, recovery: false, null));
        open.MapPost("/masuk/kode", (HttpContext http, PortalSignInManager signIn, SecondFactorEnrolment enrolment, PortalAccountService accounts, PortalAudit audit, TimeProvider clock, IOptions<PortalOptions> options) =>
            CodeSignInAsync(http, signIn, enrolment, accounts, audit, clock, options.Value, recovery: false));
        open.MapGet("/masuk/pemulihan", (HttpContext http, PortalSignInManager signIn, SecondFactorEnrolment enrolment) => CodePageAsync(new PortalPage(http), signIn, enrolment, recovery: true, null));
        open.MapPost("/masuk/pemulihan", (HttpContext http, PortalSignInManager signIn, SecondFactorEnrolment enrolment, PortalAccountService accounts, PortalAudit audit, TimeProvider clock, IOptions<PortalOptions> options) =>
            CodeSignInAsync(http, signIn, enrolment, accounts, audit, clock, options.Value, recovery: true));
        open.MapPost("/masuk/passkey/opsi", PasskeyOptionsAsync);
        open.MapPost("/masuk/passkey", PasskeySignInAsync);
    }

    private static async Task<IResult> CodePageAsync(PortalPage page, PortalSignInManager signIn, SecondFactorEnrolment enrolment, bool recovery, string? refusal,
        int status = StatusCodes.Status200OK)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
            return Results.Redirect(AccountPages.SignInPath);
        var state = await enrolment.StateAsync(account);
        var returnUrl = AccountPages.ReturnOf(page.Http.Request.Query["ReturnUrl"]);
        return PortalView.Of<SecondStepPage>(new SecondStepModel(recovery, state.Authenticator, state.Passkeys, refusal, returnUrl), status);
    }

    private static async Task<IResult> CodeSignInAsync(HttpContext http, PortalSignInManager signIn, SecondFactorEnrolment enrolment, PortalAccountService accounts,
        PortalAudit audit, TimeProvider clock, PortalOptions options, bool recovery)
    {
        var page = new PortalPage(http);
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
            return Results.Redirect(AccountPages.SignInPath);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = new string(form[recovery ? "recoveryCode" : "code"].ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(typed)
            : await signIn.TwoFactorAuthenticatorSignInAsync(typed.Replace("-", ""), isPersistent: false, rememberClient: false);
        await audit.RecordAsync(http, "login", result.Succeeded ? "succeeded" : "refused", account.Username, "portal",
            new Dictionary<string, string?> { ["outcome"] = AccountPages.Outcome(result), ["method"] = recovery ? "recovery-code" : "authenticator" });
        if (result.Succeeded)
            return await AccountPages.SignedInAsync(http, account, accounts, http.Request.Query["ReturnUrl"]);
        if (result.IsLockedOut)
            return AccountPages.LockedOut(page, account.Username, account, options, clock);
        return await CodePageAsync(page, signIn, enrolment, recovery, page.T[recovery ? "secondStep.recoveryWrong" : "secondStep.codeWrong"], StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// WebAuthn request options (a fresh challenge, kept by Identity for the answer): for the account in its second
    /// step, its own passkeys; else any passkey of this site (the person chooses one in the browser).
    /// </summary>
    private static async Task<IResult> PasskeyOptionsAsync(PortalSignInManager signIn)
    {
        var pending = await signIn.GetTwoFactorAuthenticationUserAsync();
        return Results.Content(await signIn.MakePasskeyRequestOptionsAsync(pending), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PasskeySignInAsync(HttpContext http, PortalSignInManager signIn, PortalAccountService accounts,
        PortalAudit audit, TimeProvider clock, IOptions<PortalOptions> options)
    {
        var page = new PortalPage(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        var result = await signIn.PasskeySignInAsync(form["credential"].ToString());
        // The account the passkey belongs to, when Identity recognised it (for the audit log and the lockout message).
        var account = signIn.Attempted;
        await audit.RecordAsync(http, "login", result.Succeeded ? "succeeded" : "refused", account?.Username ?? "(unknown)", "portal",
            new Dictionary<string, string?> { ["outcome"] = AccountPages.Outcome(result), ["method"] = "passkey" });
        if (result.Succeeded && account is not null)
            return await AccountPages.SignedInAsync(http, account, accounts, returnUrl);
        if (result.IsLockedOut && account is not null)
            return AccountPages.LockedOut(page, account.Username, account, options.Value, clock);
        if (result.IsNotAllowed)
            return AccountPages.LoginPage(page, null, page.T["login.disabled"], StatusCodes.Status403Forbidden);
        return AccountPages.LoginPage(page, null, page.T["login.passkeyRefused"], StatusCodes.Status401Unauthorized);
    }
}
