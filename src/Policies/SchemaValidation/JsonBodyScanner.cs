using System.Text.Json;
using System.Text.Unicode;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// The cheap structural checks of a JSON body, in one streaming pass before anything is parsed into memory: valid
/// UTF-8, well-formed JSON, nesting depth, string and array lengths, number length, and no <c>__proto__</c> keys
/// (the prototype-pollution vector of JavaScript services). Hostile input (100,000 levels of nesting, megabytes
/// of one string) is refused after reading only as far as the first broken limit.
/// </summary>
internal static class JsonBodyScanner
{
    /// <summary>A number written with more characters than this is refused whatever its value.</summary>
    public const int MaxNumberBytes = 64;

    /// <summary>The first broken limit, located at <paramref name="location"/> (the body as a whole); null when none is.</summary>
    public static ValidationError? Scan(ReadOnlySpan<byte> json, ApiValidationSettings limits, string location)
    {
        if (!Utf8.IsValid(json))
            return new ValidationError(location, "utf8", "is not valid UTF-8");
        var maxDepth = limits.MaxDepth;
        Span<int> counts = stackalloc int[maxDepth + 1];
        Span<bool> isArray = stackalloc bool[maxDepth + 1];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            // One more than allowed, so that the limit below (with its own rule) is what refuses deep input.
            MaxDepth = maxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                    continue;
                var depth = reader.CurrentDepth;
                if (token == JsonTokenType.PropertyName)
                {
                    if (reader.ValueSpan.Length > limits.MaxStringBytes)
                        return new ValidationError(location, "maxStringBytes", $"holds a property name longer than {limits.MaxStringBytes} bytes");
                    if (reader.ValueTextEquals("__proto__"u8))
                        return new ValidationError(location, "forbiddenProperty", "holds a __proto__ property, which no API of the gateway accepts");
                    if (reader.ValueIsEscaped && !HasValidEscapes(ref reader))
                        return InvalidEscape(location);
                    continue;
                }
                // A value: count it in its array, if its parent is one.
                if (depth > 0 && isArray[depth - 1] && ++counts[depth - 1] > limits.MaxArrayLength)
                    return new ValidationError(location, "maxArrayLength", $"holds an array of more than {limits.MaxArrayLength} items");
                switch (token)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (depth >= maxDepth)
                            return new ValidationError(location, "maxDepth", $"nests arrays and objects deeper than {maxDepth} levels");
                        isArray[depth] = token == JsonTokenType.StartArray;
                        counts[depth] = 0;
                        break;
                    case JsonTokenType.String when reader.ValueSpan.Length > limits.MaxStringBytes:
                        return new ValidationError(location, "maxStringBytes", $"holds a string longer than {limits.MaxStringBytes} bytes");
                    case JsonTokenType.String when reader.ValueIsEscaped && !HasValidEscapes(ref reader):
                        return InvalidEscape(location);
                    case JsonTokenType.Number when reader.ValueSpan.Length > MaxNumberBytes:
                        return new ValidationError(location, "numberRange", $"holds a number written with more than {MaxNumberBytes} characters");
                }
            }
        }
        catch (JsonException ex)
        {
            // Where the text stops being JSON, never what it holds.
            return new ValidationError(location, "json", $"is not well-formed JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
        return null;
    }

    /// <summary>Escapes must decode to valid UTF-16 (no lone surrogate such as <c>\ud800</c>); checked only for strings that have escapes.</summary>
    private static bool HasValidEscapes(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ValidationError InvalidEscape(string location) =>
        new(location, "utf8", "holds an escape sequence that is not valid Unicode (a lone surrogate)");
}
