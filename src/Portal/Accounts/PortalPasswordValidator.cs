using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// The portal's password rules (<see cref="PasswordPolicy"/>, Pasal 59 ayat (4) huruf c) as Identity's password
/// validator: Identity's own rules count character types differently (each type required, not "3 of 4") and know
/// nothing of the user name, so they are switched off and this one decides. Each error's code is the portal text key
/// of the problem.
/// </summary>
public sealed class PortalPasswordValidator(IOptions<PortalOptions> options) : IPasswordValidator<PortalAccount>
{
    public Task<IdentityResult> ValidateAsync(UserManager<PortalAccount> manager, PortalAccount user, string? password)
    {
        var problems = PasswordPolicy.Check(password, user.UserName, options.Value);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = p, Description = p }).ToArray()));
    }
}
