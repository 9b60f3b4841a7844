using SpbeConnector.Policies.SchemaValidation.Schemas;

namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>
/// One media type an operation accepts for its body: its name as documented (lowercase; may be a range such as
/// <c>image/*</c>), how it is read, its schema, and for forms the media types documented per field
/// (<c>encoding.{field}.contentType</c>).
/// </summary>
internal sealed class MediaTypeContract(string mediaType, BodyKind kind, SchemaNode? schema, IReadOnlyDictionary<string, string[]> fieldContentTypes)
{
    public string MediaType { get; } = mediaType;
    public BodyKind Kind { get; } = kind;
    public SchemaNode? Schema { get; } = schema;
    public IReadOnlyDictionary<string, string[]> FieldContentTypes { get; } = fieldContentTypes;

    public static BodyKind KindOf(string mediaType) => mediaType switch
    {
        "application/json" => BodyKind.Json,
        _ when mediaType.EndsWith("+json", StringComparison.Ordinal) => BodyKind.Json,
        "application/x-www-form-urlencoded" => BodyKind.Form,
        _ when mediaType.StartsWith("multipart/", StringComparison.Ordinal) => BodyKind.Multipart,
        _ => BodyKind.Binary,
    };
}
