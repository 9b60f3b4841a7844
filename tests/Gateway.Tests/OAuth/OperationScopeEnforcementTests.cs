using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.OAuth;

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
        var api = await gateway.PublishApiAsync("disdukcapil", "layanan", "v1", [upstream.BaseUrl], openApi: Document,
            scopes: ["penduduk.baca", "permohonan.tulis"]);
        var client = await gateway.CreateClientAsync("dinkes");
        await gateway.SubscribeAsync(client.ClientId, api, scopes: ["penduduk.baca", "permohonan.tulis"]);
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
}
