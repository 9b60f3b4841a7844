using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Portal.Components.Accounts;
using SpbeConnector.Portal.Rendering;
using SpbeConnector.Portal.Security;

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
    public const string AuthenticatorPath = Path + "/autentikator";
    public const string PasskeyPath = Path + "/passkey";
    public const string PasskeyOptionsPath = Path + "/passkey/opsi";
    public const string RecoveryCodesPath = Path + "/kode-pemulihan";

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
        string? outcome, IReadOnlyList<string>? recoveryCodes, int status = StatusCodes.Status200OK)
    {
        var account = await users.FindByIdAsync(page.User!.AccountId.ToString());
        if (account is null)
            return page.NotFound();
        var state = await enrolment.StateAsync(account);
        var pending = state.Authenticator ? null : await PendingAuthenticatorAsync(account, enrolment);
        return PortalView.Of<SecondFactorPage>(new SecondFactorModel(state, SecondFactorRule.IsRequiredFor(page.User.Role),
            AccountPages.SafeReturn(page.Http.Request.Query["ReturnUrl"]), outcome, errors, recoveryCodes, pending), status);
    }

    /// <summary>The key an authenticator app is to be given (kept by Identity until a code from it confirms it).</summary>
    private static async Task<PendingAuthenticator> PendingAuthenticatorAsync(PortalAccount account, SecondFactorEnrolment enrolment)
    {
        var key = await enrolment.PendingAuthenticatorKeyAsync(account);
        return new PendingAuthenticator(SecondFactorEnrolment.Grouped(key), SecondFactorEnrolment.AuthenticatorUri(account.Username, key));
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
