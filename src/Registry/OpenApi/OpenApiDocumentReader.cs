using System.Text;
using System.Text.Json;

namespace SpbeConnector.Registry.OpenApi;

/// <summary>
/// Reads an API's OpenAPI document, 3.0 or 3.1, in JSON or YAML, and checks it against the rules of the
/// specification the gateway relies on (<see cref="OpenApiStructureRules"/>). The document is what the gateway
/// validates requests against (Pasal 59 ayat (15) huruf e), so one it cannot read exactly is refused, never guessed.
/// </summary>
public static class OpenApiDocumentReader
{
    /// <summary>Largest document accepted, as text.</summary>
    public const int MaxDocumentChars = 4 * 1024 * 1024;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = 256,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static OpenApiReadResult Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Fail("", "the document is empty");
        if (text.Length > MaxDocumentChars)
            return Fail("", $"the document is larger than {MaxDocumentChars / (1024 * 1024)} MiB");

        var isJson = text.AsSpan().TrimStart().StartsWith("{");
        var format = isJson ? "json" : "yaml";
        string json;
        if (isJson)
        {
            json = text;
        }
        else
        {
            var (converted, problem) = YamlJsonConverter.Convert(text, MaxDocumentChars * 4);
            if (problem is not null)
                return Fail(format, problem);
            json = converted!;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            // The reader's message may quote the input; say only where the text stops being JSON.
            return Fail(format, $"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: the text is not well-formed JSON" +
                (ex.Message.Contains("Duplicate property", StringComparison.Ordinal) ? " (a property appears twice in the same object)" : ""));
        }
        using (document)
        {
            var problems = OpenApiStructureRules.Check(document.RootElement);
            var version = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("openapi", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            // Normalised JSON (no insignificant whitespace) is what the data plane compiles.
            return new OpenApiReadResult(problems.Count == 0 ? Minify(document.RootElement) : null, format, version, problems);
        }
    }

    private static string Minify(JsonElement root)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            root.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static OpenApiReadResult Fail(string format, string problem) => new(null, format, "", [problem]);
}
