using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OAuth;

namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// Identity's password hasher (PBKDF2-HMAC-SHA512, salted, its rounds from <c>Portal:PasswordHashIterations</c>: Pasal 59
/// ayat (4) huruf f), which also verifies the hashes the portal stored before Identity (PBKDF2-SHA256 in the format of
/// client secrets, <c>pbkdf2-sha256$rounds$salt$hash</c>). A match on such a hash answers
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>, so Identity stores the new format at once: nobody
/// lost access in the move, and the old format disappears as people sign in.
/// </summary>
public sealed class LegacyPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<PortalAccount>
{
    private const string LegacyPrefix = "pbkdf2-sha256$";
    private readonly PasswordHasher<PortalAccount> _current = new(options);

    public string HashPassword(PortalAccount user, string password) => _current.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalAccount user, string hashedPassword, string providedPassword)
    {
        if (!hashedPassword.StartsWith(LegacyPrefix, StringComparison.Ordinal))
            return _current.VerifyHashedPassword(user, hashedPassword, providedPassword);
        return ClientSecretHasher.Verify(providedPassword, hashedPassword)
            ? PasswordVerificationResult.SuccessRehashNeeded
            : PasswordVerificationResult.Failed;
    }
}
