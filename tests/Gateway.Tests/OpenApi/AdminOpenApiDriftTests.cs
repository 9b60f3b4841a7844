using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.OpenApi;

/// <summary>
/// The admin API's OpenAPI document checked in under <c>openapi/admin-api.json</c> must be the one the gateway serves.
/// After a deliberate change of the admin API, regenerate it with <c>SPBE_UPDATE_OPENAPI=1</c> and commit the result.
/// </summary>
public class AdminOpenApiDriftTests
{
    [Fact]
    public async Task The_served_document_matches_the_checked_in_document()
    {
        await using var gateway = await TestGateway.StartAsync();
        var served = await gateway.Client.GetStringAsync("/openapi/admin.json");
        var path = Path.Combine(RepositoryPaths.Root(), "openapi", "admin-api.json");
        var normalizedServed = Normalize(served);

        if (Environment.GetEnvironmentVariable("SPBE_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(path, normalizedServed + "\n");

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with SPBE_UPDATE_OPENAPI=1 to create it.");
        var checkedIn = Normalize(await File.ReadAllTextAsync(path));
        Assert.True(checkedIn == normalizedServed,
            "openapi/admin-api.json differs from the document the gateway serves at /openapi/admin.json. " +
            "If the admin API changed on purpose, run the tests with SPBE_UPDATE_OPENAPI=1 and commit the file.");
    }

    [Fact]
    public async Task The_document_describes_the_admin_operations_and_their_security()
    {
        await using var gateway = await TestGateway.StartAsync();
        var document = JsonNode.Parse(await gateway.Client.GetStringAsync("/openapi/admin.json"))!;

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Contains("/admin/v1/opds", paths);
        Assert.Contains("/admin/v1/apis/{id}/status", paths);
        Assert.NotNull(document["components"]!["securitySchemes"]!["adminToken"]);
        Assert.Equal(200, (int)(await gateway.Client.GetAsync("/admin/docs/index.html")).StatusCode);
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
