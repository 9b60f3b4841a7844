using System.Text;
using SpbeConnector.Policies.SchemaValidation;
using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>
/// The keywords of OpenAPI 3.0 and 3.1 schemas mean what the specifications say, checked one by one on the
/// compiled validator (Pasal 59 ayat (7) huruf d: positive validation, only what the schema allows).
/// </summary>
public class SchemaSemanticsTests
{
    /// <summary>The errors (location, rule) of a JSON value against a schema, sent (or returned) as a body.</summary>
    private static (string Location, string Rule)[] Check(string version, string schema, string json, string components = "{}", ValidationDirection direction = ValidationDirection.Request)
    {
        var document = "{\"openapi\":\"" + version + "\",\"info\":{\"title\":\"T\",\"version\":\"1\"}," +
            "\"paths\":{\"/a\":{\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"schema\":" + schema + "}}}," +
            "\"responses\":{\"200\":{\"description\":\"ok\"}}}}},\"components\":{\"schemas\":" + components + "}}";
        var read = OpenApiDocumentReader.Read(document);
        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        var contract = ApiContractCompiler.Compile(new ApiDocument(Guid.Empty, 1, read.Json!, ""), out var problems);
        Assert.True(contract is not null, string.Join("\n", problems));
        var compiled = Match(contract!);
        var errors = JsonBodyValidator.Validate(Encoding.UTF8.GetBytes(json), compiled, ApiValidationSettings.Default, "/body", direction);
        return errors?.Select(e => (e.Location, e.Rule)).ToArray() ?? [];
    }

    private static SchemaNode Match(ApiContract contract)
    {
        Span<Range> segments = stackalloc Range[ApiContract.SegmentBufferLength];
        return contract.Match("a", segments, out _)!.Operations["POST"].RequestBody!.Content[0].Schema!;
    }

    private static void Valid(string version, string schema, string json, string components = "{}") =>
        Assert.Empty(Check(version, schema, json, components));

    private static void Invalid(string version, string schema, string json, string location, string rule, string components = "{}") =>
        Assert.Contains((location, rule), Check(version, schema, json, components));

    [Fact]
    public void Nullable_in_3_0_and_type_arrays_in_3_1()
    {
        Valid("3.0.3", """{"type":"string","nullable":true}""", "null");
        Invalid("3.0.3", """{"type":"string"}""", "null", "/body", "type");
        Valid("3.1.0", """{"type":["string","null"]}""", "null");
        Valid("3.1.0", """{"type":["string","null"]}""", "\"x\"");
        Invalid("3.1.0", """{"type":["string","null"]}""", "1", "/body", "type");
    }

    [Fact]
    public void Numbers_integers_and_their_bounds()
    {
        Valid("3.0.3", """{"type":"integer","format":"int32"}""", "2147483647");
        Invalid("3.0.3", """{"type":"integer","format":"int32"}""", "2147483648", "/body", "format");
        Invalid("3.0.3", """{"type":"number","minimum":0,"exclusiveMinimum":true}""", "0", "/body", "exclusiveMinimum");
        Valid("3.1.0", """{"type":"number","exclusiveMinimum":0}""", "0.001");
        Invalid("3.1.0", """{"type":"number","exclusiveMaximum":10}""", "10", "/body", "exclusiveMaximum");
        Valid("3.0.3", """{"type":"number","multipleOf":0.01}""", "10.25");
        Invalid("3.0.3", """{"type":"number","multipleOf":0.01}""", "10.255", "/body", "multipleOf");
        Invalid("3.0.3", """{"type":"number"}""", "1e400", "/body", "numberRange");
    }

    [Fact]
    public void Const_enum_and_combinators()
    {
        Valid("3.1.0", """{"const":"DISETUJUI"}""", "\"DISETUJUI\"");
        Invalid("3.1.0", """{"const":"DISETUJUI"}""", "\"DITOLAK\"", "/body", "enum");
        Valid("3.0.3", """{"enum":[1,"dua",null,{"a":[1]}]}""", """{"a":[1]}""");
        Invalid("3.0.3", """{"enum":[1,"dua"]}""", "2", "/body", "enum");
        Valid("3.0.3", """{"anyOf":[{"type":"string","format":"uuid"},{"type":"string","format":"date"}]}""", "\"2024-01-01\"");
        Invalid("3.0.3", """{"anyOf":[{"type":"string","format":"uuid"},{"type":"string","format":"date"}]}""", "\"kemarin\"", "/body", "anyOf");
        Invalid("3.0.3", """{"oneOf":[{"type":"integer"},{"type":"number"}]}""", "1", "/body", "oneOf");   // both match
        Invalid("3.0.3", """{"type":"string","not":{"enum":["admin","root"]}}""", "\"root\"", "/body", "not");
        Invalid("3.0.3", """{"allOf":[{"type":"string","minLength":2},{"maxLength":3}]}""", "\"abcd\"", "/body", "maxLength");
    }

    [Fact]
    public void Ref_siblings_apply_in_3_1_and_are_ignored_in_3_0()
    {
        const string components = """{"Nama":{"type":"string"}}""";
        Valid("3.0.3", """{"$ref":"#/components/schemas/Nama","maxLength":2}""", "\"panjang\"", components);
        Invalid("3.1.0", """{"$ref":"#/components/schemas/Nama","maxLength":2}""", "\"panjang\"", "/body", "maxLength", components);
    }

    [Fact]
    public void A_recursive_schema_validates_at_every_level()
    {
        const string components = """{"Wilayah":{"type":"object","required":["kode"],"properties":{"kode":{"type":"string","pattern":"^[0-9.]+$"},"bagian":{"type":"array","items":{"$ref":"#/components/schemas/Wilayah"}}}}}""";

        Valid("3.0.3", """{"$ref":"#/components/schemas/Wilayah"}""", """{"kode":"32","bagian":[{"kode":"32.75","bagian":[{"kode":"32.75.01"}]}]}""", components);
        Invalid("3.0.3", """{"$ref":"#/components/schemas/Wilayah"}""", """{"kode":"32","bagian":[{"kode":"32.75","bagian":[{"kode":"x"}]}]}""", "/body/bagian/0/bagian/0/kode", "pattern", components);
    }

    [Fact]
    public void Objects_properties_and_their_bounds()
    {
        Invalid("3.0.3", """{"type":"object","minProperties":1}""", "{}", "/body", "minProperties");
        Invalid("3.0.3", """{"type":"object","maxProperties":1}""", """{"a":1,"b":2}""", "/body", "maxProperties");
        Invalid("3.0.3", """{"type":"object","additionalProperties":{"type":"integer"}}""", """{"<script>":"x"}""", "/body/*", "type");
        Valid("3.1.0", """{"type":"object","patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"x-satu":"a"}""");
        Invalid("3.1.0", """{"type":"object","patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false}""", """{"y":"a"}""", "/body", "additionalProperties");
        Invalid("3.0.3", """{"type":"object","required":["a"]}""", """{"b":1}""", "/body/a", "required");
    }

    [Fact]
    public void Read_only_properties_are_refused_in_requests_and_write_only_ones_in_responses()
    {
        const string schema = """{"type":"object","required":["id","sandi"],"properties":{"id":{"type":"string","readOnly":true},"sandi":{"type":"string","writeOnly":true}}}""";

        Assert.Contains(("/body/id", "readOnly"), Check("3.0.3", schema, """{"id":"1","sandi":"x"}"""));
        Assert.Empty(Check("3.0.3", schema, """{"sandi":"x"}"""));                      // id is required only in responses
        Assert.Contains(("/body/sandi", "writeOnly"), Check("3.0.3", schema, """{"id":"1","sandi":"x"}""", direction: ValidationDirection.Response));
        Assert.Empty(Check("3.0.3", schema, """{"id":"1"}""", direction: ValidationDirection.Response));
    }

    [Theory]
    [InlineData("date", "2024-02-29", true)]
    [InlineData("date", "2023-02-29", false)]
    [InlineData("date", "2024-2-9", false)]
    [InlineData("date-time", "2026-11-22T08:30:00Z", true)]
    [InlineData("date-time", "2026-11-22t08:30:00.123+07:00", true)]
    [InlineData("date-time", "2026-11-22T24:00:00Z", false)]
    [InlineData("date-time", "2026-11-22T08:30:00", false)]
    [InlineData("email", "layanan@disdukcapil.bekasikota.go.id", true)]
    [InlineData("email", "a..b@bekasikota.go.id", false)]
    [InlineData("email", "\"a b\"@bekasikota.go.id", false)]
    [InlineData("email", "a@[127.0.0.1]", false)]
    [InlineData("uuid", "5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40", true)]
    [InlineData("uuid", "{5b0e7a52-3f4e-4f6a-9a51-0c8c1d2e3f40}", false)]
    [InlineData("uri", "https://bekasikota.go.id/a?b=c", true)]
    [InlineData("uri", "/relatif", false)]
    [InlineData("ipv4", "10.1.2.3", true)]
    [InlineData("ipv4", "10.01.2.3", false)]
    [InlineData("ipv6", "2001:db8::1", true)]
    [InlineData("ipv6", "10.1.2.3", false)]
    [InlineData("hostname", "api.bekasikota.go.id", true)]
    [InlineData("hostname", "-api.bekasikota.go.id", false)]
    [InlineData("byte", "U1BCRQ==", true)]
    [InlineData("byte", "U1BCRQ=", false)]
    public void String_formats(string format, string value, bool valid)
    {
        var errors = Check("3.0.3", $$"""{"type":"string","format":"{{format}}"}""", System.Text.Json.JsonSerializer.Serialize(value));

        Assert.Equal(valid, errors.Length == 0);
    }

    [Fact]
    public void String_lengths_count_characters_not_bytes()
    {
        Valid("3.0.3", """{"type":"string","maxLength":4}""", "\"Jaka\"");
        Valid("3.0.3", """{"type":"string","maxLength":4}""", "\"ꦗꦏ😀é\"");          // 4 characters, 13 bytes of UTF-8
        Invalid("3.0.3", """{"type":"string","minLength":2}""", "\"😀\"", "/body", "minLength");
    }
}
