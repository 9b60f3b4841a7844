using Microsoft.AspNetCore.Identity;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// Whether an account may sign in at all: a disabled account may not, whatever it presents (password, code or passkey).
/// Identity asks this before it checks anything else (<c>SignIn.RequireConfirmedAccount</c>).
/// </summary>
public sealed class PortalAccountConfirmation : IUserConfirmation<PortalAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalAccount> manager, PortalAccount user) => Task.FromResult(!user.Disabled);
}
