using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpbeConnector.Registry.Compliance;

/// <summary>The report as one JSON object (summary and <c>items</c>), the same for the command line and the admin API;
/// every enumeration by name (a classification or a risk level read as a number would mean nothing to a reviewer).</summary>
public static class ComplianceReportJson
{
    public static readonly JsonSerializerOptions Options = new(ComplianceMapping.Json) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(ComplianceReport report) => JsonSerializer.Serialize(report, Options);
}
