using SpbeConnector.Registry.Contracts.Compliance;
using Microsoft.Extensions.Options;
using SpbeConnector.Registry.Compliance;

namespace SpbeConnector.Portal.Compliance;

/// <summary>
/// The portal's password rules (Pasal 59 ayat (4) huruf a, c, d). The regulation sets no figures; the check holds the
/// configuration to the floor of common guidance: 12 characters, 3 character types, a lockout after at most 10 failures.
/// </summary>
public sealed class PasswordPolicyCheck(IOptions<PortalOptions> options) : IComplianceCheck
{
    public const int MinimumLength = 12;
    public const int MinimumTypes = 3;
    public const int MaximumFailures = 10;

    public string Name => "password-policy";

    public Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var weak = new List<string>();
        var weakId = new List<string>();
        if (o.PasswordMinimumLength < MinimumLength)
        {
            weak.Add($"Portal:PasswordMinimumLength is {o.PasswordMinimumLength} (below {MinimumLength})");
            weakId.Add($"Portal:PasswordMinimumLength bernilai {o.PasswordMinimumLength} (di bawah {MinimumLength})");
        }
        if (o.PasswordCharacterTypes < MinimumTypes)
        {
            weak.Add($"Portal:PasswordCharacterTypes is {o.PasswordCharacterTypes} (below {MinimumTypes})");
            weakId.Add($"Portal:PasswordCharacterTypes bernilai {o.PasswordCharacterTypes} (di bawah {MinimumTypes})");
        }
        if (o.MaximumFailedLogins <= 0 || o.MaximumFailedLogins > MaximumFailures)
        {
            weak.Add($"Portal:MaximumFailedLogins is {o.MaximumFailedLogins} (lock after at most {MaximumFailures})");
            weakId.Add($"Portal:MaximumFailedLogins bernilai {o.MaximumFailedLogins} (kunci setelah paling banyak {MaximumFailures} kali)");
        }
        return Task.FromResult(weak.Count == 0
            ? ComplianceFinding.Met($"Passwords of at least {o.PasswordMinimumLength} characters mixing {o.PasswordCharacterTypes} types, locked after {o.MaximumFailedLogins} wrong attempts.",
                $"Kata sandi minimal {o.PasswordMinimumLength} karakter dengan {o.PasswordCharacterTypes} jenis karakter, dikunci setelah {o.MaximumFailedLogins} kali salah.")
            : ComplianceFinding.Partial(string.Join("; ", weak) + ".", string.Join("; ", weakId) + "."));
    }
}
