using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Portal.Accounts;

/// <summary>Whether a password is past its validity period (Pasal 59 ayat (4) huruf c; <c>Portal:PasswordMaximumAge</c>).</summary>
public sealed class PortalPasswordAge(IOptions<PortalOptions> options)
{
    public bool IsExpired(PortalAccount account, DateTimeOffset now) =>
        options.Value.PasswordMaximumAge > TimeSpan.Zero && account.PasswordChangedAt + options.Value.PasswordMaximumAge <= now;
}
