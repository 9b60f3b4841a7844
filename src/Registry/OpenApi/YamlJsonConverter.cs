using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.OpenApi;

/// <summary>
/// Converts a YAML document to the equivalent JSON, resolving plain scalars by the YAML 1.2 core schema (null,
/// booleans, integers, floats; everything else a string). Refuses what JSON cannot say (complex keys, infinities,
/// several documents; YamlDotNet itself refuses a key repeated in one mapping) and bounds the output, so that alias bombs ("billion laughs") cannot exhaust memory.
/// </summary>
internal static partial class YamlJsonConverter
{
    private const int MaxDepth = 256;
    private const int MaxNodes = 500_000;

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    /// <summary>The JSON text, or the problem (with its line and column) that keeps the YAML from being read.</summary>
    public static (string? Json, RegistryProblem? Problem) Convert(string yaml, int maxJsonBytes)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // The parser's own text is English and may quote the input; only a repeated key is told apart.
            var message = ex.Message.Contains("Duplicate key", StringComparison.Ordinal) ? RegistryMessages.YamlDuplicateKey : RegistryMessages.YamlUnreadable;
            return (null, RegistryProblem.Of(OpenApiDocumentReader.Field, message, ("line", ex.Start.Line), ("column", ex.Start.Column)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way (without a position) on some text cut off inside a flow
            // collection, such as "openapi: [3.0.3"; it is unreadable YAML, not a fault of the gateway.
            return (null, RegistryProblem.Of(OpenApiDocumentReader.Field, RegistryMessages.YamlUnreadableUnplaced));
        }
        if (stream.Documents.Count != 1)
            return (null, RegistryProblem.Of(OpenApiDocumentReader.Field, RegistryMessages.YamlManyDocuments, ("count", stream.Documents.Count)));

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var state = new State(writer, buffer, maxJsonBytes);
            var problem = Write(stream.Documents[0].RootNode, state, 0);
            if (problem is not null)
                return (null, problem);
        }
        return (System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), null);
    }

    private sealed class State(Utf8JsonWriter writer, System.Buffers.ArrayBufferWriter<byte> buffer, int maxBytes)
    {
        public Utf8JsonWriter Writer { get; } = writer;
        public int Nodes;

        public bool TooLarge => Writer.BytesPending + buffer.WrittenCount > maxBytes;
    }

    private static RegistryProblem? Write(YamlNode node, State state, int depth)
    {
        if (depth > MaxDepth)
            return At(node, RegistryMessages.YamlTooDeep, ("max", MaxDepth));
        if (++state.Nodes > MaxNodes || state.TooLarge)
            return At(node, RegistryMessages.YamlTooLarge);
        if (state.Writer.BytesPending > 16 * 1024)
            state.Writer.Flush();

        switch (node)
        {
            case YamlMappingNode mapping:
                state.Writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                        return At(key, RegistryMessages.YamlKeyNotScalar);
                    state.Writer.WritePropertyName(name);
                    if (Write(value, state, depth + 1) is { } problem)
                        return problem;
                }
                state.Writer.WriteEndObject();
                return null;
            case YamlSequenceNode sequence:
                state.Writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    if (Write(item, state, depth + 1) is { } problem)
                        return problem;
                }
                state.Writer.WriteEndArray();
                return null;
            case YamlScalarNode scalar:
                return WriteScalar(scalar, state.Writer);
            default:
                return At(node, RegistryMessages.YamlUnresolvedAlias);
        }
    }

    private static RegistryProblem? WriteScalar(YamlScalarNode scalar, Utf8JsonWriter writer)
    {
        var text = scalar.Value ?? "";
        // Only an untagged plain scalar is typed by its text; quoted scalars and explicit tags (such as !!str) are strings.
        var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific);
        if (!plain)
        {
            writer.WriteStringValue(text);
            return null;
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return null;
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return null;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return null;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or "+.Inf" or "-.Inf" or ".nan" or ".NaN" or ".NAN":
                return At(scalar, RegistryMessages.YamlNotJsonNumber);
        }
        if (DecimalInteger().IsMatch(text))
        {
            writer.WriteRawValue(BigInteger.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            return null;
        }
        if (OctalInteger().IsMatch(text))
        {
            writer.WriteNumberValue(System.Convert.ToInt64(text[2..], 8));
            return null;
        }
        if (HexInteger().IsMatch(text) && text.Length <= 18)
        {
            writer.WriteNumberValue(long.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            return null;
        }
        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
            return null;
        }
        writer.WriteStringValue(text);
        return null;
    }

    private static RegistryProblem At(YamlNode node, RegistryMessage what, params (string Name, object? Value)[] more) =>
        RegistryProblem.Of(OpenApiDocumentReader.Field, what, [("line", node.Start.Line), ("column", node.Start.Column), .. more]);

}
