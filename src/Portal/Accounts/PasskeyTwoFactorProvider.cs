using Microsoft.AspNetCore.Identity;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// Makes a registered passkey count as a second factor in Identity's password sign-in: an account whose only second
/// factor is a passkey still gets <c>RequiresTwoFactor</c> after its password, and then proves itself with the passkey
/// (<c>PasskeySignInAsync</c>). It issues no codes: a passkey is never typed, so every code is refused.
/// </summary>
public sealed class PasskeyTwoFactorProvider : IUserTwoFactorTokenProvider<PortalAccount>
{
    public const string Name = "Passkey";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalAccount> manager, PortalAccount user) =>
        (await manager.GetPasskeysAsync(user)).Count > 0;

    public Task<string> GenerateAsync(string purpose, UserManager<PortalAccount> manager, PortalAccount user) => Task.FromResult("");

    public Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalAccount> manager, PortalAccount user) => Task.FromResult(false);
}
