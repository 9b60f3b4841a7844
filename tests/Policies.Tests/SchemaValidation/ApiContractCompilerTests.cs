using SpbeConnector.Policies.SchemaValidation;
using SpbeConnector.Policies.SchemaValidation.Schemas;
using SpbeConnector.Registry.OpenApi;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>A document is compiled exactly or refused: the gateway never enforces less than the document says.</summary>
public class ApiContractCompilerTests
{
    private static IReadOnlyList<string> Check(string document)
    {
        var read = OpenApiDocumentReader.Read(document);
        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        return new SchemaValidationPolicyCheck().CheckDocument(read.Json!);
    }

    [Fact]
    public void The_sample_and_demo_documents_compile_without_problems()
    {
        Assert.Empty(Check(SampleApis.Perizinan));
        Assert.Empty(Check(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "samples", "disdukcapil-kependudukan-v1.json"))));
    }

    private const string Head = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

    private static string WithSchema(string schema) =>
        Head + "paths: {/a: {get: {parameters: [{name: x, in: header, schema: " + schema + "}], responses: {'200': {description: ok}}}}}";

    [Theory]
    [InlineData("{type: string, pattern: '(a'}", "/schema/pattern: is not a valid regular expression")]
    [InlineData("{type: string, pattern: '^(?=a)b'}", "/schema/pattern: uses a construct (lookaround")]
    [InlineData("{type: string, if: {minLength: 2}, then: {maxLength: 3}}", "/schema/if: the keyword 'if' is not supported")]
    [InlineData("{type: strin}", "/schema/type: 'strin' is not a type")]
    [InlineData("{type: [string, 'null']}", "/schema/type: must be a type name (type arrays need OpenAPI 3.1)")]
    [InlineData("{type: string, maxLenght: 5}", "/schema/maxLenght: 'maxLenght' is not a schema keyword")]
    [InlineData("{type: integer, minimum: '5'}", "/schema/minimum: must be a number")]
    [InlineData("{type: array, items: [{type: string}]}", "/schema/items: tuple validation")]
    public void A_schema_the_gateway_could_not_enforce_exactly_is_refused_with_its_place(string schema, string expected)
    {
        var problems = Check(WithSchema(schema));

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)),
            $"expected '{expected}' in:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Object_parameters_and_content_parameters_are_refused()
    {
        var problems = Check(Head + "paths: {/a: {get: {parameters: [{name: f, in: query, schema: {type: object}}, {name: g, in: query, content: {application/json: {schema: {type: string}}}}], responses: {'200': {description: ok}}}}}");

        Assert.Contains(problems, p => p.StartsWith("/paths/~1a/get/parameters/0/schema: object parameters are not supported", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/paths/~1a/get/parameters/1: parameters described with 'content'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_cycle_without_a_schema_in_between_is_refused()
    {
        var problems = Check(Head + "paths: {/a: {get: {parameters: [{name: x, in: header, schema: {$ref: '#/components/schemas/A'}}], responses: {'200': {description: ok}}}}}\n" +
            "components: {schemas: {A: {$ref: '#/components/schemas/B'}, B: {$ref: '#/components/schemas/A'}}}");

        Assert.Contains(problems, p => p.Contains("leads back to itself", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("^[0-9]{16}$", "3275010101900001", true)]
    [InlineData("^[0-9]{16}$", "3275010101900001\n", false)]        // .NET's $ would accept the newline
    [InlineData(@"^\d{16}$", "٣٢٧٥٠١٠١٠١٩٠٠٠٠١", false)]            // .NET's \d would accept other digits
    [InlineData(@"^\d{3}$", "123", true)]
    [InlineData(@"^[\d-]+$", "12-3", true)]
    [InlineData(@"^\w+$", "nama_1", true)]
    [InlineData(@"^\w+$", "námá", false)]
    [InlineData(@"^a\$$", "a$", true)]
    [InlineData(@"^[$]$", "$", true)]
    public void Patterns_mean_what_ecma_262_means(string pattern, string input, bool matches) =>
        Assert.Equal(matches, SchemaPattern.Compile(pattern).IsMatch(input));
}
