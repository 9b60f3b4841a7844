using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Accounts.Pages;

/// <summary>
/// A person's own second factors: register a passkey (WebAuthn through Identity), set up an authenticator app (TOTP),
/// see how many recovery codes are left and make new ones. Enrolling here marks the session as having a second factor
/// (<see cref="SecondFactorRule"/>): a person whose role requires one can act from then on. People of other roles are
/// asked here once per sign-in and may go on without.
/// </summary>
public static class SecondFactorPages
{
    private const string Path = SecondFactorRule.EnrolmentPath;
    private const string AuthenticatorPath = Path + "/autentikator";
    private const string PasskeyPath = Path + "/passkey";
    private const string PasskeyOptionsPath = Path + "/passkey/opsi";
    private const string RecoveryCodesPath = Path + "/kode-pemulihan";

    public static void Map(RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/akun/faktor-kedua", async (HttpContext http, UserManager<PortalAccount> users, SecondFactorEnrolment enrolment) =>
            await PageAsync(new PortalPage(http), users, enrolment, FormErrors.None, null, null));
        signedIn.MapPost("/akun/faktor-kedua/autentikator", ConfirmAuthenticatorAsync);
        signedIn.MapPost("/akun/faktor-kedua/passkey/opsi", PasskeyOptionsAsync);
        signedIn.MapPost("/akun/faktor-kedua/passkey", AddPasskeyAsync);
        signedIn.MapPost("/akun/faktor-kedua/kode-pemulihan", NewRecoveryCodesAsync);
    }

    private static async Task<IResult> PageAsync(PortalPage page, UserManager<PortalAccount> users, SecondFactorEnrolment enrolment, FormErrors errors,
        string? message, IReadOnlyList<string>? recoveryCodes, int status = StatusCodes.Status200OK)
    {
        var t = page.T;
        var account = await users.FindByIdAsync(page.User!.AccountId.ToString());
        if (account is null)
            return page.NotFound();
        var state = await enrolment.StateAsync(account);
        var required = SecondFactorRule.IsRequiredFor(page.User.Role);
        var returnUrl = AccountPages.SafeReturn(page.Http.Request.Query["ReturnUrl"]);
        var intro = state.Any
            ? page.Notice(t.Format("secondFactor.enrolled", state.Passkeys, state.Authenticator ? t["secondFactor.yes"] : t["secondFactor.no"], state.RecoveryCodesLeft), "success")
            : required
                ? H($"<div class=\"notice warning\" role=\"alert\" id=\"second-factor-required\"><p>{t["secondFactor.required"]}</p></div>")
                : H($"<div class=\"notice info\" role=\"status\"><p>{t["secondFactor.offered"]}</p><p><a href=\"{returnUrl}\" id=\"second-factor-later\">{t["secondFactor.later"]}</a></p></div>");
        var codes = recoveryCodes is { Count: > 0 }
            ? H($"""
                <div class="notice warning" role="status" id="recovery-codes"><p>{t["secondFactor.recoveryShown"]}</p>
                <ul class="codes">{recoveryCodes.Select(c => H($"<li><code>{c}</code></li>"))}</ul></div>
                """)
            : HtmlFragment.Empty;
        var authenticator = state.Authenticator
            ? H($"<p>{t["secondFactor.authenticatorDone"]}</p>")
            : await AuthenticatorSetupAsync(page, account, enrolment, errors);
        var recovery = state.Any
            ? H($"<h2>{t["secondFactor.recoveryTitle"]}</h2><p>{t.Format("secondFactor.recoveryLeft", state.RecoveryCodesLeft)}</p>{page.Form(RecoveryCodesPath, H($"<button type=\"submit\">{t["secondFactor.recoveryNew"]}</button>"))}")
            : HtmlFragment.Empty;
        var body = H($"""
            {intro}{page.Notice(message, "success")}{page.ErrorSummary(errors)}{codes}
            <h2>{t["secondFactor.passkeyTitle"]}</h2>
            <p>{t["secondFactor.passkeyIntro"]}</p>
            {PasskeyForm.Render(page, PasskeyPath, PasskeyOptionsPath, create: true, "secondFactor.passkeySubmit")}
            <h2>{t["secondFactor.authenticatorTitle"]}</h2>
            {authenticator}
            {recovery}
            """);
        return page.Render(t["secondFactor.title"], body, status);
    }

    private static async Task<HtmlFragment> AuthenticatorSetupAsync(PortalPage page, PortalAccount account, SecondFactorEnrolment enrolment, FormErrors errors)
    {
        var t = page.T;
        var key = await enrolment.PendingAuthenticatorKeyAsync(account);
        return H($"""
            <p>{t["secondFactor.authenticatorIntro"]}</p>
            <dl class="facts"><dt>{t["secondFactor.key"]}</dt><dd><code id="authenticator-key">{SecondFactorEnrolment.Grouped(key)}</code></dd>
            <dt>{t["secondFactor.uri"]}</dt><dd><code id="authenticator-uri">{SecondFactorEnrolment.AuthenticatorUri(account.Username, key)}</code></dd></dl>
            {page.Form(AuthenticatorPath, H($"{page.Input("code", "field.authenticatorCode", null, errors, required: true, autocomplete: "one-time-code")}<button type=\"submit\" class=\"primary\">{t["secondFactor.authenticatorSubmit"]}</button>"))}
            """);
    }

    private static async Task<IResult> ConfirmAuthenticatorAsync(HttpContext http, UserManager<PortalAccount> users, SecondFactorEnrolment enrolment,
        PortalSignInManager signIn, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var account = await users.FindByIdAsync(page.User!.AccountId.ToString());
        if (account is null)
            return page.NotFound();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var codes = await enrolment.ConfirmAuthenticatorAsync(account, form["code"]);
        await audit.RecordAsync(http, "second-factor.authenticator", codes is null ? "refused" : "succeeded", account.Username, account.Username);
        if (codes is null)
            return await PageAsync(page, users, enrolment, new FormErrors().With("code", "secondFactor.codeWrong"), null, null, StatusCodes.Status400BadRequest);
        return await EnrolledAsync(page, account, users, enrolment, signIn, "secondFactor.authenticatorAdded", codes);
    }

    private static async Task<IResult> PasskeyOptionsAsync(HttpContext http, UserManager<PortalAccount> users, PortalSignInManager signIn)
    {
        var user = PortalPrincipal.From(http.User)!;
        var account = await users.FindByIdAsync(user.AccountId.ToString());
        if (account is null)
            return Results.NotFound();
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = account.Id.ToString(),
            Name = account.Username,
            DisplayName = account.DisplayName,
        });
        return Results.Content(options, "application/json; charset=utf-8");
    }

    /// <summary>Identity checks the browser's answer against the challenge it issued (attestation) before the passkey is stored.</summary>
    private static async Task<IResult> AddPasskeyAsync(HttpContext http, UserManager<PortalAccount> users, SecondFactorEnrolment enrolment,
        PortalSignInManager signIn, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var account = await users.FindByIdAsync(page.User!.AccountId.ToString());
        if (account is null)
            return page.NotFound();
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var attestation = await signIn.PerformPasskeyAttestationAsync(form["credential"].ToString());
        // The credential must be for this account: Identity's options named it as the WebAuthn user.
        var ok = attestation.Succeeded && attestation.UserEntity?.Id == account.Id.ToString();
        await audit.RecordAsync(http, "second-factor.passkey", ok ? "succeeded" : "refused", account.Username, account.Username,
            ok ? null : new Dictionary<string, string?> { ["reason"] = attestation.Failure?.Message });
        if (!ok)
            return await PageAsync(page, users, enrolment, new FormErrors().With("credential", "secondFactor.passkeyRefused"), null, null, StatusCodes.Status400BadRequest);
        attestation.Passkey!.Name = page.T["secondFactor.passkeyName"];
        var codes = await enrolment.AddPasskeyAsync(account, attestation.Passkey);
        return await EnrolledAsync(page, account, users, enrolment, signIn, "secondFactor.passkeyAdded", codes);
    }

    private static async Task<IResult> NewRecoveryCodesAsync(HttpContext http, UserManager<PortalAccount> users, SecondFactorEnrolment enrolment,
        PortalSignInManager signIn, PortalAudit audit)
    {
        var page = new PortalPage(http);
        var account = await users.FindByIdAsync(page.User!.AccountId.ToString());
        if (account is null)
            return page.NotFound();
        if (!(await enrolment.StateAsync(account)).Any)
            return await PageAsync(page, users, enrolment, FormErrors.None, null, null, StatusCodes.Status400BadRequest);
        var codes = await enrolment.NewRecoveryCodesAsync(account);
        await audit.RecordAsync(http, "second-factor.recovery-codes", "succeeded", account.Username, account.Username);
        return await EnrolledAsync(page, account, users, enrolment, signIn, "secondFactor.recoveryMade", codes);
    }

    /// <summary>
    /// After an enrolment the account's security stamp changed (every other session ended): this session is issued
    /// anew, now marked as having a second factor, and the page shows what was added and the recovery codes once.
    /// </summary>
    private static async Task<IResult> EnrolledAsync(PortalPage page, PortalAccount account, UserManager<PortalAccount> users, SecondFactorEnrolment enrolment,
        PortalSignInManager signIn, string messageKey, IReadOnlyList<string> codes)
    {
        await signIn.ReissueAsync(account, secondFactor: true);
        return await PageAsync(page, users, enrolment, FormErrors.None, page.T[messageKey], codes);
    }
}
