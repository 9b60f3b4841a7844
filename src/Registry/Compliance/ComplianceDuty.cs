using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// One duty of the requirements extraction outside Pasal 59-60 (for example <c>AUTH-04</c> or <c>M-001-4</c>), as the
/// five regulations state it, each with the instruments and articles it cites; judged like a
/// <see cref="ComplianceItem"/>: a <see cref="Check"/> asked at report time (bounded by <see cref="Status"/>, the best
/// the product reaches), or a fixed assessment with its reason, in English and in Bahasa Indonesia.
/// </summary>
public sealed record ComplianceDuty
{
    /// <summary>The label in the extraction, for example <c>REG-04</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The instruments cited, by seed file name (for example <c>001_37c09e101cb9ec05.txt</c>).</summary>
    public required IReadOnlyList<string> Regulations { get; init; }

    /// <summary>The articles cited, as the extraction gives them.</summary>
    public required string Citation { get; init; }

    public required string TextId { get; init; }
    public required string TextEn { get; init; }
    public string Control { get; init; } = "";
    public IReadOnlyList<string> Settings { get; init; } = [];
    public IReadOnlyList<string> Tests { get; init; } = [];
    public string? Check { get; init; }
    public ComplianceStatus Status { get; init; } = ComplianceStatus.Met;
    public string Reason { get; init; } = "";
    public string ReasonId { get; init; } = "";
}
