namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// Swagger UI's visible labels (it has no translations of its own) in the page's language, by their English text, for
/// the portal's wrapper (Resources/portal-swagger.js) to replace as Swagger UI renders. English pages get none.
/// </summary>
public static class SwaggerLabels
{
    /// <summary>Swagger UI's English label and the key of the portal's text for it.</summary>
    private static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["Try it out"] = "swagger.tryItOut",
        ["Cancel"] = "swagger.cancel",
        ["Execute"] = "swagger.execute",
        ["Clear"] = "swagger.clear",
        ["Parameters"] = "swagger.parameters",
        ["No parameters"] = "swagger.noParameters",
        ["Name"] = "swagger.name",
        ["Description"] = "swagger.description",
        ["Responses"] = "swagger.responses",
        ["Code"] = "swagger.code",
        ["Links"] = "swagger.links",
        ["No links"] = "swagger.noLinks",
        ["Request body"] = "swagger.requestBody",
        ["Response body"] = "swagger.responseBody",
        ["Response headers"] = "swagger.responseHeaders",
        ["Request URL"] = "swagger.requestUrl",
        ["Server response"] = "swagger.serverResponse",
        ["Media type"] = "swagger.mediaType",
        ["Controls Accept header."] = "swagger.controlsAccept",
        ["Example Value"] = "swagger.exampleValue",
        ["Schema"] = "swagger.schema",
        ["Schemas"] = "swagger.schemas",
        ["required"] = "swagger.required",
        ["Servers"] = "swagger.servers",
        ["Download"] = "swagger.download",
        ["Undocumented"] = "swagger.undocumented",
        ["Details"] = "swagger.details",
        ["Loading..."] = "swagger.loading",
        ["Expand all"] = "swagger.expandAll",
        ["Collapse all"] = "swagger.collapseAll",
        ["Authorize"] = "swagger.authorize",
        ["Close"] = "swagger.close",
    };

    public static IReadOnlyDictionary<string, string> For(PortalText t) =>
        t.Language == "en" ? new Dictionary<string, string>() : Keys.ToDictionary(k => k.Key, k => t[k.Value]);
}
