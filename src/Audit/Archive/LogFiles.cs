using System.Text.Json;
using SpbeConnector.Audit.Verification;

namespace SpbeConnector.Audit.Archive;

/// <summary>Opens a JSON Lines log file for verification: an archive written by retention, or an export with proofs.</summary>
public static class LogFiles
{
    public static IAuditLogSource Open(string path)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine() ?? throw new FormatException($"{path} is empty.");
        using var header = JsonDocument.Parse(first);
        var format = header.RootElement.TryGetProperty("format", out var f) ? f.GetString() : null;
        return format switch
        {
            LogFileJson.ArchiveFormat => new ArchiveLogSource(path),
            LogFileJson.ExportFormat => new ExportFileSource(path),
            _ => throw new FormatException($"{path} is neither an audit archive nor an audit export (format '{format}')."),
        };
    }

    internal static IEnumerable<JsonElement> Lines(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
                continue;
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }
}
