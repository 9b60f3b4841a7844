using System.ComponentModel.DataAnnotations;
using SpbeConnector.Portal.Onboarding;

namespace SpbeConnector.Portal;

/// <summary>Settings of the registry portal (section <c>Portal</c>); each regulation leaves these to the region.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Pasal 59 ayat (4) huruf c: minimum password length.</summary>
    [Range(8, 128)]
    public int PasswordMinimumLength { get; set; } = 12;

    /// <summary>
    /// Pasal 59 ayat (4) huruf c: how many of the four character types (lowercase, uppercase, digit, symbol) a
    /// password must mix.
    /// </summary>
    [Range(1, 4)]
    public int PasswordCharacterTypes { get; set; } = 3;

    /// <summary>Pasal 59 ayat (4) huruf c: how long a password stays valid; zero: no expiry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan PasswordMaximumAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Pasal 59 ayat (4) huruf d: wrong passwords in a row before the account locks.</summary>
    [Range(1, 100)]
    public int MaximumFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account stays locked (an administrator can unlock it sooner).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Pasal 59 ayat (4) huruf f: PBKDF2-SHA256 rounds for stored passwords.</summary>
    [Range(1000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = 600_000;

    /// <summary>Pasal 59 ayat (5) huruf d: a session unused this long ends.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Pasal 59 ayat (5) huruf d: a session ends this long after login, however active.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How the portal shows times (stored in UTC): <c>WIB</c> (UTC+7), <c>WITA</c> (UTC+8) or <c>WIT</c> (UTC+9).</summary>
    [RegularExpression("^(WIB|WITA|WIT)$")]
    public string TimeZone { get; set; } = "WIB";

    /// <summary>The regional government the portal belongs to, shown in its header and footer (for example "Pemerintah Kota Bekasi").</summary>
    [StringLength(120)]
    public string? RegionName { get; set; }

    /// <summary>
    /// A file with the region's logo (SVG, PNG, JPEG or WebP, at most 512 KiB), shown beside its name; served by the
    /// portal itself so that the CSP keeps img-src 'self'.
    /// </summary>
    public string? RegionLogoPath { get; set; }

    /// <summary>
    /// The interoperability conformance rules and their weight: <c>Error</c> blocks submission, <c>Warning</c> is
    /// shown only, <c>Off</c> skips the rule (Kota Bekasi Pasal 22 ayat (3) huruf b: the interoperability standard
    /// is set by the region). Rules not named keep their default.
    /// </summary>
    public Dictionary<string, ConformanceSeverity> ConformanceRules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
