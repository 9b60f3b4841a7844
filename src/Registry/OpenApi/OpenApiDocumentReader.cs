using System.Text;
using System.Text.Json;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.OpenApi;

/// <summary>
/// Reads an API's OpenAPI document, 3.0 or 3.1, in JSON or YAML, and checks it against the rules of the
/// specification the gateway relies on (<see cref="OpenApiStructureRules"/>). The document is what the gateway
/// validates requests against (Pasal 59 ayat (15) huruf e), so one it cannot read exactly is refused, never guessed.
/// </summary>
public static class OpenApiDocumentReader
{
    /// <summary>The field of the registry's input that the document's problems concern.</summary>
    public const string Field = "openApiDocument";

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
            return Fail("", RegistryProblem.Of(Field, RegistryMessages.DocumentEmpty));
        if (text.Length > MaxDocumentChars)
            return Fail("", RegistryProblem.Of(Field, RegistryMessages.DocumentTooLarge, ("max", MaxDocumentChars / (1024 * 1024))));

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
            var message = ex.Message.Contains("Duplicate property", StringComparison.Ordinal) ? RegistryMessages.DocumentDuplicateProperty : RegistryMessages.DocumentNotJson;
            return Fail(format, RegistryProblem.Of(Field, message, ("line", (ex.LineNumber ?? 0) + 1), ("position", (ex.BytePositionInLine ?? 0) + 1)));
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

    private static OpenApiReadResult Fail(string format, RegistryProblem problem) => new(null, format, "", [problem]);
}
