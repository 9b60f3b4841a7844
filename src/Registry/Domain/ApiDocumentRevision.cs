namespace SpbeConnector.Registry.Domain;

/// <summary>
/// One version of an API's OpenAPI document, kept as registered. A new document gets the next revision; earlier
/// revisions stay readable, so what was enforced at any time can be shown.
/// </summary>
public sealed class ApiDocumentRevision
{
    public Guid ApiId { get; set; }

    /// <summary>1 for the first document of the API, then one more for each changed document.</summary>
    public int Revision { get; set; }

    /// <summary>The document as registered (JSON or YAML text).</summary>
    public string Content { get; set; } = "";

    /// <summary><c>json</c> or <c>yaml</c>.</summary>
    public string Format { get; set; } = "";

    /// <summary>The document's <c>openapi</c> field, for example <c>3.0.3</c>.</summary>
    public string OpenApiVersion { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
