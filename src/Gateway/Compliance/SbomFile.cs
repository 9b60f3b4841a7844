using System.Security.Cryptography;
using System.Text.Json;

namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Where the CycloneDX SBOM of this build is (Pasal 59 ayat (2) huruf e, ayat (12) huruf b), made by
/// <c>scripts/sbom.sh</c>. One rule: <c>Compliance:SbomPath</c> when set (relative to the working directory);
/// otherwise <c>bom.json</c> next to the application when it is there (a published copy); otherwise, when the
/// application runs from the repository, the repository's <c>build/sbom/bom.json</c>. Read on every request, so a
/// regenerated SBOM is served without a restart.
/// </summary>
public sealed class SbomFile(IConfiguration configuration)
{
    public const string MediaType = "application/vnd.cyclonedx+json";
    public const string SettingName = "Compliance:SbomPath";

    public string Path => configuration[SettingName] is { Length: > 0 } configured
        ? System.IO.Path.GetFullPath(configured)
        : DefaultPath(AppContext.BaseDirectory);

    /// <summary>The SBOM, or null when there is no file at <see cref="Path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a CycloneDX JSON BOM.</exception>
    public SbomSnapshot? Read()
    {
        var path = Path;
        if (!File.Exists(path))
            return null;
        var content = File.ReadAllBytes(path);
        try
        {
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("bomFormat", out var format) || format.GetString() != "CycloneDX")
                throw new InvalidDataException($"{path} is not a CycloneDX BOM (no \"bomFormat\": \"CycloneDX\").");
            var components = root.TryGetProperty("components", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
            var spec = root.TryGetProperty("specVersion", out var version) ? version.GetString() ?? "" : "";
            return new SbomSnapshot(path, content, Convert.ToHexStringLower(SHA256.HashData(content)), components, spec);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not JSON: {ex.Message}", ex);
        }
    }

    internal static string DefaultPath(string appDirectory) => BuildEvidencePath.Find(appDirectory, "bom.json", "build/sbom/bom.json");
}
