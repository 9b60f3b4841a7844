using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using SpbeConnector.Audit.Keys;

namespace SpbeConnector.Audit;

/// <summary>Settings of the audit log, receipts and auditor access (section <c>Audit</c>).</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string Section = "Audit";

    public AuditMode Mode { get; set; } = AuditMode.Strict;

    /// <summary>This gateway node's name in every record. Default: the host name.</summary>
    public string NodeId { get; set; } = Environment.MachineName;

    /// <summary>Where the log is kept: SQLite under <see cref="Directory"/> (default) or PostgreSQL.</summary>
    public Storage.AuditStoreProvider Store { get; set; } = Storage.AuditStoreProvider.Sqlite;

    /// <summary>The PostgreSQL schema of this node's log. Default: <c>audit_</c> and the node id (one log per node).</summary>
    public string? PostgresSchema { get; set; }

    /// <summary>The schema actually used: <see cref="PostgresSchema"/>, or one derived from the node id.</summary>
    public string EffectivePostgresSchema => string.IsNullOrWhiteSpace(PostgresSchema)
        ? "audit_" + new string(NodeId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray())
        : PostgresSchema;

    /// <summary>The log's name on the first line of each checkpoint (C2SP origin). Default: <c>spbe-connector/audit/{NodeId}</c>.</summary>
    public string? LogOrigin { get; set; }

    /// <summary>Where audit.db, the keys and the archives live. Default: <c>{data}/audit</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>A checkpoint is signed at least this often while records arrive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>... and whenever this many records arrived since the last one.</summary>
    [Range(1, 10_000_000)]
    public int CheckpointEveryRecords { get; set; } = 10_000;

    /// <summary>In strict mode, how long a request waits for its record to be durable before it is refused with 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan DurabilityTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>In async mode, beyond this many records waiting for the disk, requests wait like in strict mode (back-pressure).</summary>
    [Range(1_000, 10_000_000)]
    public int MaxPendingRecords { get; set; } = 100_000;

    /// <summary>
    /// Request bodies up to this size are read before forwarding, so that their SHA-256 is in the request record made
    /// durable before the upstream sees them. Larger bodies stream; their hash is in the completion record.
    /// </summary>
    [Range(0, 256 * 1024 * 1024)]
    public int MaxBufferedRequestBody { get; set; } = 1024 * 1024;

    /// <summary>Encrypts the generated keys at rest. Without it they are stored readable by the owner only, and the gateway warns.</summary>
    public string KeyPassphrase { get; set; } = "";

    /// <summary>The checkpoint signing key (empty: generated ECDSA P-256).</summary>
    public SigningKeyOptions CheckpointKey { get; set; } = new();

    /// <summary>The receipt signing key (empty: generated ECDSA P-256; an external one must be ECDSA P-256 too).</summary>
    public SigningKeyOptions ReceiptKey { get; set; } = new();

    public ReceiptOptions Receipts { get; set; } = new();

    /// <summary>Query parameters whose values are stored as their HMAC, never in clear (Pasal 59 ayat (9) huruf c).</summary>
    public string[] SensitiveQueryParameters { get; set; } =
        ["nik", "nkk", "no_kk", "npwp", "nip", "password", "token", "access_token", "client_secret", "email", "phone", "telepon"];

    /// <summary>Path segments matching this pattern are stored as their HMAC (default: 16-digit numbers such as NIK and NKK).</summary>
    public string SensitivePathSegmentPattern { get; set; } = "^[0-9]{16}$";

    public TimestampAuthorityOptions TimestampAuthority { get; set; } = new();

    /// <summary>
    /// No longer used: the shared auditor token is gone. The audit log is read by named callers only (Pasal 59 ayat (9)
    /// huruf e): people with the auditor role through the portal, or management clients with <c>spbe.audit</c>. Kept so
    /// that a setting left from an older version stops the start with the fix, instead of being silently ignored.
    /// </summary>
    public string? AuditorToken { get; set; }

    public RetentionOptions Retention { get; set; } = new();

    /// <summary>How often the synchronisation of the system clock is checked (Pasal 59 ayat (9) huruf h).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClockCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public string Origin => string.IsNullOrWhiteSpace(LogOrigin) ? $"spbe-connector/audit/{NodeId}" : LogOrigin;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(NodeId) || NodeId.Any(char.IsWhiteSpace))
            yield return new ValidationResult("Audit:NodeId must be a non-empty name without spaces.", [nameof(NodeId)]);
        if (!Regex.IsMatch(EffectivePostgresSchema, "^[a-z_][a-z0-9_]{0,62}$"))
            yield return new ValidationResult($"Audit:PostgresSchema '{EffectivePostgresSchema}' is not a plain PostgreSQL name; use lower-case letters, digits and _ (at most 63).", [nameof(PostgresSchema)]);
        if (Origin.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            yield return new ValidationResult("Audit:LogOrigin must not contain spaces or control characters (it is the first line of each checkpoint).", [nameof(LogOrigin)]);
        if (!string.IsNullOrEmpty(AuditorToken))
            yield return new ValidationResult("Audit:AuditorToken is no longer used: the audit API is read by people with the auditor role (portal) " +
                "or by management clients with the spbe.audit scope (admin create-client --scope spbe.audit). Remove the setting.", [nameof(AuditorToken)]);
        string? patternError = null;
        try
        {
            _ = new Regex(SensitivePathSegmentPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException ex)
        {
            patternError = $"Audit:SensitivePathSegmentPattern is not a valid regular expression: {ex.Message}";
        }
        if (patternError is not null)
            yield return new ValidationResult(patternError, [nameof(SensitivePathSegmentPattern)]);
        if (TimestampAuthority.Url is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            yield return new ValidationResult("Audit:TimestampAuthority:Url must be an absolute URL.", [nameof(TimestampAuthority)]);
        if (Receipts.MaxBufferedResponseBody < 0)
            yield return new ValidationResult("Audit:Receipts:MaxBufferedResponseBody must not be negative.", [nameof(Receipts)]);
        if (Retention.ArchiveAfter is { } after && after < TimeSpan.FromMinutes(1))
            yield return new ValidationResult("Audit:Retention:ArchiveAfter must be at least a minute.", [nameof(Retention)]);
    }
}
