using System.Text.Json;

namespace SpbeConnector.Registry.Compliance;

/// <summary>The report as one JSON object (summary and <c>items</c>), the same for the command line and the admin API.</summary>
public static class ComplianceReportJson
{
    public static readonly JsonSerializerOptions Options = ComplianceMapping.Json;

    public static string Write(ComplianceReport report) => JsonSerializer.Serialize(report, Options);
}
