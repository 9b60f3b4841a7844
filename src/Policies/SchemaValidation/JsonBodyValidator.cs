using System.Text.Json;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// A JSON body (of a request or a response) checked in three steps, each cheaper than the next and each run only
/// if the previous passed: the streaming structural scan, the parse refusing duplicate keys, the schema.
/// </summary>
internal static class JsonBodyValidator
{
    private static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false, MaxDepth = 257 };

    /// <summary>The errors, located under <paramref name="root"/>; null when the body is valid.</summary>
    public static IReadOnlyList<ValidationError>? Validate(ReadOnlyMemory<byte> json, SchemaNode? schema, ApiValidationSettings limits, string root, ValidationDirection direction)
    {
        if (JsonBodyScanner.Scan(json.Span, limits, root) is { } structural)
            return [structural];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, NoDuplicates);
        }
        catch (JsonException)
        {
            // The scan passed, so the only reason left is a key repeated in one object.
            return [new ValidationError(root, "duplicateProperty", "holds an object with the same property name twice")];
        }
        using (document)
        {
            if (schema is null || Check(schema, document.RootElement, root, direction, errors: null))
                return null;
            // Only now, on the way out, collect every error for the answer.
            var errors = new List<ValidationError>();
            Check(schema, document.RootElement, root, direction, errors);
            return errors;
        }
    }

    private static bool Check(SchemaNode schema, JsonElement value, string root, ValidationDirection direction, List<ValidationError>? errors)
    {
        var context = SchemaValidationContext.Rent(root, direction, errors);
        try
        {
            return schema.Validate(value, context);
        }
        finally
        {
            SchemaValidationContext.Return(context);
        }
    }
}
