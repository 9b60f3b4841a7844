using System.Text.Json.Nodes;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Portal.Tests;

/// <summary>The demo's population-registry API document (openapi/samples), as shipped and made conformant.</summary>
public static class SampleDocuments
{
    public static string Kependudukan => File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "openapi", "samples", "disdukcapil-kependudukan-v1.json"));

    /// <summary>The same document with an OAuth 2.0 client-credentials requirement on every operation, as the conformance check asks.</summary>
    public static string KependudukanWithSecurity(string tokenUrl)
    {
        var document = JsonNode.Parse(Kependudukan)!.AsObject();
        var components = document["components"]!.AsObject();
        components["securitySchemes"] = new JsonObject
        {
            ["oauth2"] = new JsonObject
            {
                ["type"] = "oauth2",
                ["flows"] = new JsonObject { ["clientCredentials"] = new JsonObject { ["tokenUrl"] = tokenUrl, ["scopes"] = new JsonObject() } },
            },
        };
        document["security"] = new JsonArray(new JsonObject { ["oauth2"] = new JsonArray() });
        return document.ToJsonString();
    }
}
