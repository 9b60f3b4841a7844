using System.Text.Json;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Registry.Tests.OpenApi;

/// <summary>
/// An API's OpenAPI document is read and checked when it is registered (Pasal 59 ayat (15) huruf e: the schema the
/// gateway validates against must itself be sound); problems say where (a line or a JSON pointer) and what.
/// </summary>
public class OpenApiDocumentReaderTests
{
    [Fact]
    public void The_yaml_sample_api_is_read_into_json_with_its_types()
    {
        var result = OpenApiDocumentReader.Read(SampleApis.Perizinan);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal("yaml", result.Format);
        Assert.Equal("3.0.3", result.OpenApiVersion);
        using var json = JsonDocument.Parse(result.Json!);
        var nik = json.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Nik");
        Assert.Equal(JsonValueKind.Number, nik.GetProperty("maxLength").ValueKind);
        Assert.Equal("^[0-9]{16}$", nik.GetProperty("pattern").GetString());
        // A quoted scalar stays a string even when it looks like a number.
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("info").GetProperty("version").ValueKind);
        Assert.Equal(JsonValueKind.True, json.RootElement.GetProperty("paths").GetProperty("/permohonan/{id}").GetProperty("parameters")[0].GetProperty("required").ValueKind);
    }

    [Fact]
    public void The_demo_json_document_and_an_openapi_3_1_document_are_accepted()
    {
        var demo = OpenApiDocumentReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "samples", "disdukcapil-kependudukan-v1.json")));
        var v31 = OpenApiDocumentReader.Read("""
            {"openapi":"3.1.0","info":{"title":"T","version":"1"},
             "paths":{"/a":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/$defs/A"}}}},"responses":{"200":{"description":"ok"}}}}},
             "$defs":{"A":{"type":["string","null"],"const":"x"}}}
            """);

        Assert.True(demo.IsValid, string.Join("\n", demo.Problems));
        Assert.Equal("json", demo.Format);
        Assert.True(v31.IsValid, string.Join("\n", v31.Problems));
        Assert.Equal("3.1.0", v31.OpenApiVersion);
    }

    private const string Head = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

    [Theory]
    [InlineData("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}", "/swagger: Swagger 2.0")]
    [InlineData("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"T\" \"version\": \"1\"}\n}", "line 3, position")]
    [InlineData("{\"openapi\":\"3.0.3\",\"openapi\":\"3.0.3\"}", "a property appears twice")]
    [InlineData(Head + "paths:\n  /a:\n    get: {responses: {'200': {description: x}}}\n    get: {responses: {'200': {description: y}}}", "line 6, column 5: the YAML cannot be read (Duplicate key")]
    [InlineData(Head + "paths:\n  /a: [unclosed", "line")]
    [InlineData("openapi: 2.5.0\ninfo: {title: T, version: '1'}\npaths: {/a: {get: {responses: {'200': {description: x}}}}}", "/openapi: must be a string naming OpenAPI 3.0.x or 3.1.x")]
    [InlineData("openapi: 3.0.3\ninfo: {version: '1'}\npaths: {/a: {get: {responses: {'200': {description: x}}}}}", "/info/title: is required")]
    [InlineData(Head + "paths: {a: {get: {responses: {'200': {description: x}}}}}", "/paths/a: a path must start with '/'")]
    [InlineData(Head + "paths: {/a: {summary: nothing}}", "/paths: defines no operation")]
    [InlineData(Head + "paths: {/a: {get: {summary: x}}}", "/paths/~1a/get/responses: an operation must define at least one response")]
    [InlineData(Head + "paths: {'/a/{id}': {get: {parameters: [{name: id, in: path, schema: {type: string}}], responses: {'200': {description: x}}}}}", "/paths/~1a~1{id}/get/parameters/0/required: a path parameter must be required: true")]
    [InlineData(Head + "paths: {'/a/{id}': {get: {responses: {'200': {description: x}}}}}", "the path template variable 'id' has no path parameter")]
    [InlineData(Head + "paths: {'/a/{id}': {get: {parameters: [{name: id, in: path, required: true, schema: {type: string}}], responses: {'200': {description: x}}}}, '/a/{key}': {get: {parameters: [{name: key, in: path, required: true, schema: {type: string}}], responses: {'200': {description: x}}}}}", "is equivalent to the templated path /a/{id}")]
    [InlineData(Head + "paths: {/a: {get: {parameters: [{name: q, in: body, schema: {type: string}}], responses: {'200': {description: x}}}}}", "/paths/~1a/get/parameters/0/in: must be query, header, path or cookie")]
    [InlineData(Head + "paths: {/a: {get: {parameters: [{name: q, in: query}], responses: {'200': {description: x}}}}}", "exactly one of schema and content")]
    [InlineData(Head + "paths: {/a: {post: {requestBody: {content: {}}, responses: {'200': {description: x}}}}}", "/paths/~1a/post/requestBody/content: a request body must name at least one media type")]
    [InlineData(Head + "paths: {/a: {get: {responses: {'200': {$ref: 'common.yaml#/responses/ok'}}}}}", "/paths/~1a/get/responses/200/$ref: external references are not supported")]
    [InlineData(Head + "paths: {/a: {get: {responses: {'200': {$ref: '#/components/responses/Missing'}}}}}", "the reference #/components/responses/Missing points at nothing")]
    [InlineData(Head + "paths: {/a: {get: {responses: {'200': {description: .inf}}}}}", "infinities and NaN")]
    public void An_unsound_document_is_refused_saying_where_and_what(string document, string expected)
    {
        var result = OpenApiDocumentReader.Read(document);

        Assert.False(result.IsValid);
        Assert.True(result.Problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"expected a problem containing '{expected}', got:\n{string.Join("\n", result.Problems)}");
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 9; i++)
            yaml += $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n";

        var started = DateTime.UtcNow;
        var result = OpenApiDocumentReader.Read(yaml);

        Assert.False(result.IsValid);
        Assert.Contains("expands to more than the gateway accepts", result.Problems[0]);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Problems_never_quote_the_document_text()
    {
        var result = OpenApiDocumentReader.Read("{\"openapi\": \"3.0.3\", \"info\": <script>alert(1)</script>}");

        Assert.False(result.IsValid);
        Assert.DoesNotContain("script", string.Join(" ", result.Problems));
    }
}
