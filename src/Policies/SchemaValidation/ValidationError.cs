namespace SpbeConnector.Policies.SchemaValidation;

/// <summary>
/// One reason a request (or response) breaks the API's document: where (a JSON pointer such as <c>/body/nik</c>,
/// <c>/query/halaman</c> or <c>/path/id</c>), which rule (a JSON Schema keyword such as <c>pattern</c>, or a
/// gateway limit such as <c>maxDepth</c>) and what the document asks. Never the rejected value.
/// </summary>
public sealed record ValidationError(string Location, string Rule, string Detail);
