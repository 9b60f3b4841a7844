namespace SpbeConnector.Registry.Approvals;

/// <summary>
/// The letter of an external authority's decision, recorded with it: its number, date and issuer as written on it, and
/// the signed document itself (its SHA-256 goes on the decision and into the audit log).
/// </summary>
public sealed record ExternalDecisionLetter(string? Number, DateOnly? Date, string? Issuer, string? FileName, string? ContentType, byte[]? Content)
{
    /// <summary>The largest signed document accepted (a scanned letter of a few pages).</summary>
    public const int MaximumBytes = 4 * 1024 * 1024;
}
