using System.Text.Json;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Where the security analysis of this build is (<c>scripts/analyze.sh</c>, Pasal 59 ayat (2) huruf b and e, ayat (12)
/// huruf a): <c>Compliance:SecurityAnalysisPath</c> when set, otherwise <c>security-analysis.json</c> next to the
/// application, otherwise the repository's <c>build/analysis/security.json</c> (<see cref="BuildEvidencePath"/>).
/// Read on every report, so a new analysis counts without a restart.
/// </summary>
public sealed class SecurityAnalysisFile(IConfiguration configuration)
{
    public const string SettingName = "Compliance:SecurityAnalysisPath";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path => configuration[SettingName] is { Length: > 0 } configured
        ? System.IO.Path.GetFullPath(configured)
        : DefaultPath(AppContext.BaseDirectory);

    /// <summary>The analysis, or null when there is no file at <see cref="Path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an analysis written by the script.</exception>
    public SecurityAnalysis? Read()
    {
        var path = Path;
        if (!File.Exists(path))
            return null;
        try
        {
            var analysis = JsonSerializer.Deserialize<SecurityAnalysis>(File.ReadAllBytes(path), Json);
            if (analysis is not { Tool: not null, Projects: not null, Findings: not null, Suppressed: not null, Dependencies: not null })
                throw new InvalidDataException($"{path} is not a security analysis written by scripts/analyze.sh.");
            return analysis;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not JSON: {ex.Message}", ex);
        }
    }

    internal static string DefaultPath(string appDirectory) =>
        BuildEvidencePath.Find(appDirectory, "security-analysis.json", "build/analysis/security.json");
}
