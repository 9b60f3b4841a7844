using SpbeConnector.Policies.SchemaValidation.Contract;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.OpenApi;

namespace SpbeConnector.Policies.Tests.SchemaValidation;

/// <summary>
/// The scopes an operation requires are read from the document's security requirements with OpenAPI's meaning:
/// the operation's own requirements replace the document's, alternatives are OR, the scopes of one alternative AND,
/// and an alternative without scopes (or an empty list) requires none.
/// </summary>
public class OperationScopeTests
{
    private const string Document = """
        openapi: 3.0.3
        info: {title: T, version: '1'}
        security: [{oauth2: [baca]}]
        components:
          securitySchemes:
            oauth2: {type: oauth2, flows: {clientCredentials: {tokenUrl: /oauth2/token, scopes: {baca: r, tulis: w, arsip: a, admin: x}}}}
            kunci: {type: apiKey, in: header, name: X-Kunci}
        paths:
          /data:
            get: {responses: {'200': {description: ok}}}
            post: {security: [{oauth2: [tulis, baca]}], responses: {'200': {description: ok}}}
            delete: {security: [{oauth2: [admin]}, {oauth2: [arsip], kunci: []}], responses: {'200': {description: ok}}}
          /terbuka:
            get: {security: [], responses: {'200': {description: ok}}}
            post: {security: [{oauth2: [tulis]}, {}], responses: {'200': {description: ok}}}
        """;

    private static string[][] ScopesOf(string path, string method)
    {
        var read = OpenApiDocumentReader.Read(Document);
        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        var contract = ApiContractCompiler.Compile(new ApiDocument(Guid.NewGuid(), 1, read.Json!, ""), out var problems);
        Assert.True(contract is not null, string.Join("\n", problems));
        var operation = contract.FindOperation(path, method);
        Assert.NotNull(operation);
        return operation.ScopeAlternatives;
    }

    [Fact]
    public void An_operation_without_its_own_requirements_takes_the_documents() =>
        Assert.Equal([["baca"]], ScopesOf("data", "GET"));

    [Fact]
    public void An_operations_requirements_replace_the_documents_and_one_requirement_needs_all_its_scopes() =>
        Assert.Equal([["baca", "tulis"]], ScopesOf("data", "POST"));

    [Fact]
    public void Requirements_are_alternatives_and_schemes_without_scopes_add_none() =>
        Assert.Equal([["admin"], ["arsip"]], ScopesOf("data", "DELETE"));

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void An_empty_list_or_an_alternative_without_scopes_requires_none(string method) =>
        Assert.Empty(ScopesOf("terbuka", method));
}
