using SpbeConnector.Registry.Contracts.Compliance;

namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// One lettered item of the regulation in the mapping: where it is (pasal, ayat, huruf), its text in Bahasa Indonesia
/// and English, the control that implements it, the settings that govern it, the tests that fail without it, and how
/// this installation is judged: a <see cref="Check"/> asked at report time, items it <see cref="Covers"/> (a function
/// detailed by other ayat), or a fixed assessment (<see cref="Status"/>, <see cref="Reason"/>) for what no setting
/// changes. With a check, <see cref="Status"/> is the best the product reaches and the check can only lower it.
/// </summary>
public sealed record ComplianceItem
{
    public required int Pasal { get; init; }
    public required int Ayat { get; init; }
    public required string Huruf { get; init; }
    public required string TextId { get; init; }
    public required string TextEn { get; init; }
    public string Control { get; init; } = "";
    public IReadOnlyList<string> Settings { get; init; } = [];
    public IReadOnlyList<string> Tests { get; init; } = [];
    public string? Check { get; init; }
    /// <summary>Items of the form "59(4)" (a whole ayat) or "59(9)d" whose statuses this item sums up.</summary>
    public IReadOnlyList<string> Covers { get; init; } = [];
    public ComplianceStatus Status { get; init; } = ComplianceStatus.Met;
    public string Reason { get; init; } = "";
    /// <summary>The reason in Bahasa Indonesia (the mapping test requires one wherever <see cref="Reason"/> is given).</summary>
    public string ReasonId { get; init; } = "";

    /// <summary>The citation, for example "Pasal 60 ayat (5) huruf e".</summary>
    public string Citation => $"Pasal {Pasal} ayat ({Ayat}) huruf {Huruf}";

    /// <summary>The short key, for example "60(5)e", as <see cref="Covers"/> uses it.</summary>
    public string Key => $"{Pasal}({Ayat}){Huruf}";
}
