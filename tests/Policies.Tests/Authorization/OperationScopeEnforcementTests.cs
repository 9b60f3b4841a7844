using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.Authorization;

/// <summary>
/// Each operation's required scopes come from the API's OpenAPI security requirements (issue 3; Pasal 59 ayat (15)
/// huruf c): a token good for reading is refused for writing with 403 insufficient_scope naming the scope, and the
/// upstream never sees the refused call; a token holding the scope passes.
/// </summary>
public sealed class OperationScopeEnforcementTests
{
    private const string Document = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Layanan kependudukan", "version": "1" },
          "security": [{ "oauth2": ["penduduk.baca"] }],
          "components": { "securitySchemes": { "oauth2": { "type": "oauth2", "flows": { "clientCredentials": {
            "tokenUrl": "/oauth2/token", "scopes": { "penduduk.baca": "Baca", "permohonan.tulis": "Ajukan" } } } } } },
          "paths": {
            "/penduduk/{nik}": { "get": {
              "parameters": [{ "name": "nik", "in": "path", "required": true, "schema": { "type": "string" } }],
              "responses": { "200": { "description": "ok" } } } },
            "/permohonan": { "post": {
              "security": [{ "oauth2": ["permohonan.tulis"] }],
              "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object" } } } },
              "responses": { "200": { "description": "ok" } } } }
          }
        }
        """;

    [Fact]
    public async Task A_token_without_an_operations_scope_is_refused_for_that_operation_only_and_the_upstream_sees_nothing()
    {
        await using var upstream = await StubUpstream.StartAsync("kependudukan");
        await using var gateway = await TestGateway.StartAsync();
        // No scopes declared, as the portal registers an API: the API offers those its document names, and a
        // subscription (granting the API's scopes) lets the client ask for them.
        var api = await gateway.PublishApiAsync("disdukcapil", "layanan", "v1", [upstream.BaseUrl], openApi: Document);
        var registered = await gateway.Admin.GetFromJsonAsync<JsonElement>($"/admin/v1/apis/{api}");
        Assert.Equal((string?[])["penduduk.baca", "permohonan.tulis"], registered.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToArray());
        var client = await gateway.CreateClientAsync("dinkes");
        await gateway.SubscribeAsync(client.ClientId, api);
        await gateway.WaitForAccessAsync();

        using var reader = gateway.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(client, "penduduk.baca"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/disdukcapil/layanan/v1/penduduk/3275010101900001")).StatusCode);
        var before = upstream.Count;

        var refused = await reader.PostAsync("/disdukcapil/layanan/v1/permohonan", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var challenge = refused.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("scope=\"permohonan.tulis\"", challenge);
        Assert.Equal(before, upstream.Count);

        using var writer = gateway.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(client, "permohonan.tulis"));
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/disdukcapil/layanan/v1/permohonan", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(before + 1, upstream.Count);
        // The document's own requirement still applies to reading: the writing token lacks penduduk.baca.
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("/disdukcapil/layanan/v1/penduduk/3275010101900001")).StatusCode);
        Assert.Equal(before + 1, upstream.Count);
    }

    [Fact]
    public async Task A_document_naming_a_scope_the_registry_cannot_offer_is_refused_with_its_place()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("disdukcapil");
        var bad = Document.Replace("\"permohonan.tulis\"]", "\"permohonan tulis\"]");

        var refused = await gateway.Admin.PostAsJsonAsync("/admin/v1/apis", new
        {
            opdCode = "disdukcapil", name = "Layanan", slug = "layanan", version = "v1", upstreamUrls = new[] { "https://layanan.example.go.id" },
            openApiDocument = bad, classification = "Restricted",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("the scope 'permohonan tulis' must be", await refused.Content.ReadAsStringAsync());
    }
}
