namespace SpbeConnector.Audit;

/// <summary>An RFC 3161 time-stamping authority that countersigns checkpoints (section <c>Audit:TimestampAuthority</c>).</summary>
public sealed class TimestampAuthorityOptions
{
    /// <summary>The TSA's URL; empty: checkpoints are not time-stamped.</summary>
    public string? Url { get; set; }

    /// <summary>At most one checkpoint is time-stamped per interval (the latest one).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>PEM bundle of the TSA's certificate chain, to verify its tokens; empty: the system's trust store.</summary>
    public string? TrustedCertificatesPath { get; set; }
}
