using System.Text;
using Microsoft.AspNetCore.Identity;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// A person's second factors through Identity's <see cref="UserManager{TUser}"/>: an authenticator app (TOTP, RFC
/// 6238, Identity's key and code check), passkeys (WebAuthn, Identity's passkey store), and single-use recovery codes
/// for when both are out of reach. <see cref="UserManager{TUser}.GetTwoFactorEnabledAsync"/> is true once one of them is
/// enrolled, which makes Identity ask for it after the password.
/// </summary>
public sealed class SecondFactorEnrolment(UserManager<PortalAccount> users)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "SPBE Connector";

    // Identity's user store keeps the authenticator key and the recovery codes as tokens of its own internal provider.
    private const string IdentityStoreProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";
    // The portal's mark that the authenticator key was confirmed with a code (a key shown but never confirmed is no factor).
    private const string PortalProvider = "[SpbePortal]";
    private const string AuthenticatorConfirmed = "AuthenticatorConfirmed";

    public async Task<SecondFactorState> StateAsync(PortalAccount account) => new(
        await users.GetAuthenticationTokenAsync(account, PortalProvider, AuthenticatorConfirmed) is not null,
        (await users.GetPasskeysAsync(account)).Count,
        await users.CountRecoveryCodesAsync(account));

    /// <summary>The authenticator key to show while the person sets up their app (kept until confirmed, made once).</summary>
    public async Task<string> PendingAuthenticatorKeyAsync(PortalAccount account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            // Stored where Identity's authenticator keeps its key, without ResetAuthenticatorKeyAsync's new security
            // stamp: a key not yet confirmed is no factor, and showing it must not end the person's sessions.
            key = users.GenerateNewAuthenticatorKey();
            await IdentityResults.Ensure(users.SetAuthenticationTokenAsync(account, IdentityStoreProvider, AuthenticatorKeyName, key));
        }
        return key;
    }

    /// <summary>The <c>otpauth://</c> address authenticator apps read (what a QR code would carry), RFC 6238 defaults.</summary>
    public static string AuthenticatorUri(string username, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(username)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The key in groups of four, easier to type into an app.</summary>
    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            text.Append(i == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>
    /// Confirms the authenticator with a code from it; on success the second factor is on. Returns null when the code
    /// is wrong, else the recovery codes to show once (empty when the person already had some).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ConfirmAuthenticatorAsync(PortalAccount account, string? code)
    {
        var typed = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (typed.Length != 6 || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, typed))
            return null;
        await IdentityResults.Ensure(users.SetAuthenticationTokenAsync(account, PortalProvider, AuthenticatorConfirmed, "true"));
        return await EnableAsync(account);
    }

    /// <summary>Stores a passkey the browser just created (attested by Identity); the second factor is on.</summary>
    public async Task<IReadOnlyList<string>> AddPasskeyAsync(PortalAccount account, UserPasskeyInfo passkey)
    {
        await IdentityResults.Ensure(users.AddOrUpdatePasskeyAsync(account, passkey));
        return await EnableAsync(account);
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(PortalAccount account) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))?.ToList() ?? [];

    /// <summary>Removes the authenticator key, its confirmation and the recovery codes (administrator recovery).</summary>
    public static async Task ForgetAuthenticatorAsync(UserManager<PortalAccount> users, PortalAccount account)
    {
        await IdentityResults.Ensure(users.RemoveAuthenticationTokenAsync(account, PortalProvider, AuthenticatorConfirmed));
        await IdentityResults.Ensure(users.RemoveAuthenticationTokenAsync(account, IdentityStoreProvider, AuthenticatorKeyName));
        await IdentityResults.Ensure(users.RemoveAuthenticationTokenAsync(account, IdentityStoreProvider, "RecoveryCodes"));
    }

    private async Task<IReadOnlyList<string>> EnableAsync(PortalAccount account)
    {
        await IdentityResults.Ensure(users.SetTwoFactorEnabledAsync(account, true));
        return await users.CountRecoveryCodesAsync(account) > 0 ? [] : await NewRecoveryCodesAsync(account);
    }
}
