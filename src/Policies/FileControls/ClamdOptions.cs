using System.ComponentModel.DataAnnotations;

namespace SpbeConnector.Policies.FileControls;

/// <summary>
/// The ClamAV daemon that scans uploaded files (section <c>FileScanning</c>). With no endpoint set there is no
/// scanner, which each API treats as an outage (refused by default).
/// </summary>
public sealed class ClamdOptions : IValidatableObject
{
    public const string Section = "FileScanning";

    /// <summary><c>unix:/run/clamav/clamd.ctl</c> or <c>tcp://127.0.0.1:3310</c>; empty for none.</summary>
    public string? Clamd { get; set; }

    /// <summary>How long one scan may take before the scanner counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes sent per INSTREAM chunk.</summary>
    [Range(1024, 1024 * 1024)]
    public int ChunkBytes { get; set; } = 64 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Clamd) && !ClamdScanner.TryParseEndpoint(Clamd, out _))
            yield return new ValidationResult("FileScanning:Clamd must be unix:/path/to/clamd.socket or tcp://host:port.", [nameof(Clamd)]);
        if (Timeout <= TimeSpan.Zero)
            yield return new ValidationResult("FileScanning:Timeout must be positive.", [nameof(Timeout)]);
    }
}
