using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpbeConnector.Portal.Security;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// Identity's sign-in (password, lockout, authenticator and recovery codes, passkeys) into the portal's own session
/// scheme (<see cref="PortalSessionDefaults.Scheme"/>), whose cookie and per-request checks stay the portal's
/// (<see cref="PortalSessionValidation"/>). It marks a session in which a second factor was presented, the mark
/// <see cref="SecondFactorRule"/> asks for.
/// </summary>
public sealed class PortalSignInManager : SignInManager<PortalAccount>
{
    private bool _secondFactor;

    /// <summary>The account the last sign-in attempt in this request was for, once Identity knew it (passkey: after the assertion).</summary>
    public PortalAccount? Attempted { get; private set; }

    public PortalSignInManager(UserManager<PortalAccount> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<PortalAccount> claims,
        IOptions<IdentityOptions> options, ILogger<SignInManager<PortalAccount>> logger, IAuthenticationSchemeProvider schemes,
        IUserConfirmation<PortalAccount> confirmation)
        : base(users, http, claims, options, logger, schemes, confirmation)
    {
        AuthenticationScheme = PortalSessionDefaults.Scheme;
    }

    public override Task<Microsoft.AspNetCore.Identity.SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        WithSecondFactor(() => base.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false));

    public override Task<Microsoft.AspNetCore.Identity.SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        WithSecondFactor(() => base.TwoFactorRecoveryCodeSignInAsync(recoveryCode));

    /// <summary>A passkey is a second factor by itself: possession of the authenticator, with user verification required.</summary>
    public override Task<Microsoft.AspNetCore.Identity.SignInResult> PasskeySignInAsync(string credentialJson) =>
        WithSecondFactor(() => base.PasskeySignInAsync(credentialJson));

    /// <summary>Never "remember this browser": each sign-in of a person who needs a second factor presents one.</summary>
    public override Task<bool> IsTwoFactorClientRememberedAsync(PortalAccount user) => Task.FromResult(false);

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult?> PreSignInCheck(PortalAccount user)
    {
        Attempted = user;
        return base.PreSignInCheck(user);
    }

    public override Task SignInWithClaimsAsync(PortalAccount user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        Attempted = user;
        var claims = additionalClaims.ToList();
        if (_secondFactor)
            claims.Add(new Claim(PortalSessionDefaults.SecondFactorClaim, "true"));
        // A browser-session cookie, refreshed while used (idle timeout); a new one at every sign-in (Pasal 59 ayat (5) huruf e).
        return base.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true }, claims);
    }

    /// <summary>
    /// A new session cookie for the signed-in person after their account changed (password, second factor: the
    /// security stamp changed, which ends every other session), keeping whether this one presented a second factor.
    /// </summary>
    public async Task ReissueAsync(PortalAccount user, bool secondFactor)
    {
        _secondFactor = secondFactor;
        await SignInWithClaimsAsync(user, null, []);
    }

    private async Task<Microsoft.AspNetCore.Identity.SignInResult> WithSecondFactor(Func<Task<Microsoft.AspNetCore.Identity.SignInResult>> signIn)
    {
        _secondFactor = true;
        try
        {
            return await signIn();
        }
        finally
        {
            _secondFactor = false;
        }
    }
}
