using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.OpenApi;

/// <summary>
/// The OpenAPI documents checked in under <c>openapi/</c> (admin API, audit API) must be the ones the gateway serves.
/// After a deliberate change of the admin API, regenerate it with <c>SPBE_UPDATE_OPENAPI=1</c> and commit the result.
/// </summary>
public class OpenApiDriftTests
{
    [Theory]
    [InlineData("/openapi/admin.json", "admin-api.json")]
    [InlineData("/openapi/audit.json", "audit-api.json")]
    public async Task The_served_document_matches_the_checked_in_document(string servedPath, string fileName)
    {
        await using var gateway = await TestGateway.StartAsync();
        var served = await gateway.Client.GetStringAsync(servedPath);
        var path = Path.Combine(RepositoryPaths.Root(), "openapi", fileName);
        var normalizedServed = Normalize(served);

        if (Environment.GetEnvironmentVariable("SPBE_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(path, normalizedServed + "\n");

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with SPBE_UPDATE_OPENAPI=1 to create it.");
        var checkedIn = Normalize(await File.ReadAllTextAsync(path));
        Assert.True(checkedIn == normalizedServed,
            $"openapi/{fileName} differs from the document the gateway serves at {servedPath}. " +
            "If the API changed on purpose, run the tests with SPBE_UPDATE_OPENAPI=1 and commit the file.");
    }

    [Fact]
    public async Task The_audit_document_marks_the_auditor_operations_and_leaves_the_proofs_public()
    {
        await using var gateway = await TestGateway.StartAsync();
        var document = JsonNode.Parse(await gateway.Client.GetStringAsync("/openapi/audit.json"))!;

        Assert.NotNull(document["components"]!["securitySchemes"]!["auditorToken"]);
        Assert.NotNull(document["paths"]!["/audit/v1/records"]!["get"]!["security"]);
        Assert.Null(document["paths"]!["/audit/v1/checkpoints/latest"]!["get"]!["security"]);
        Assert.Null(document["security"]);
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
