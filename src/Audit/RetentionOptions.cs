namespace SpbeConnector.Audit;

/// <summary>Archival of old records to JSON Lines files that verify offline (section <c>Audit:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Records older than this are moved to an archive file and removed from the store; empty: kept forever.</summary>
    public TimeSpan? ArchiveAfter { get; set; }

    /// <summary>Where archive files are written. Default: <c>{audit directory}/archive</c>.</summary>
    public string? ArchiveDirectory { get; set; }

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
