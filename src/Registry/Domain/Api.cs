namespace SpbeConnector.Registry.Domain;

/// <summary>An API published by an OPD through the gateway, with its contract and upstream.</summary>
public sealed class Api
{
    public Guid Id { get; set; }
    public Guid OpdId { get; set; }
    public Opd? Opd { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Lowercase path segment naming the API, for example <c>kependudukan</c>.</summary>
    public string Slug { get; set; } = "";

    /// <summary>Version segment of the public path, for example <c>v1</c>.</summary>
    public string Version { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Base URLs of the upstream instances; requests are balanced across them.</summary>
    public List<string> UpstreamUrls { get; set; } = new();

    /// <summary>
    /// Plain-HTTP upstreams are refused unless this is set for the API (Pasal 59 ayat (11) huruf a: encrypted
    /// communication on every hop). Meant for a loopback or same-host upstream only.
    /// </summary>
    public bool AllowInsecureUpstream { get; set; }

    /// <summary>The API's current OpenAPI document as registered (JSON or YAML text), or null.</summary>
    public string? OpenApiDocument { get; set; }

    /// <summary>The revision of <see cref="OpenApiDocument"/> (see <see cref="ApiDocumentRevision"/>); 0 when the API has none.</summary>
    public int DocumentRevision { get; set; }

    /// <summary>How the gateway checks this API's input, cookies and files.</summary>
    public ApiValidationSettings Validation { get; set; } = new();

    public InformationClassification Classification { get; set; } = InformationClassification.Restricted;

    public ApiStatus Status { get; set; } = ApiStatus.Draft;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
