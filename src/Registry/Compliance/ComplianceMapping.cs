using System.Text.Json;

namespace SpbeConnector.Registry.Compliance;

/// <summary>
/// The one source of truth linking the regulation to the product: <c>compliance-map.json</c>, embedded in this
/// assembly, read once. The report, the admin API, the portal page and docs/compliance.md all come from it.
/// </summary>
public sealed class ComplianceMapping
{
    public const string ResourceName = "SpbeConnector.Registry.Compliance.compliance-map.json";

    public required string Regulation { get; init; }
    public required string RegulationId { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyList<ComplianceItem> Items { get; init; }

    /// <summary>The five instruments by seed file name, with their titles.</summary>
    public IReadOnlyDictionary<string, string> Instruments { get; init; } = new Dictionary<string, string>();

    /// <summary>The duties of the extraction that the other four regulations (and 003 outside Pasal 59-60) state.</summary>
    public IReadOnlyList<ComplianceDuty> Duties { get; init; } = [];

    private static readonly Lazy<ComplianceMapping> Embedded = new(Load);

    public static ComplianceMapping Current => Embedded.Value;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static ComplianceMapping Load()
    {
        using var stream = typeof(ComplianceMapping).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The compliance mapping {ResourceName} is missing from the assembly.");
        return JsonSerializer.Deserialize<ComplianceMapping>(stream, Json)
            ?? throw new InvalidOperationException("The compliance mapping is empty.");
    }
}
