namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>One documented operation (a method on a path) and what its requests must look like.</summary>
internal sealed class OperationContract(string method, string pathTemplate)
{
    public string Method { get; } = method;
    public string PathTemplate { get; } = pathTemplate;

    /// <summary>Path parameters in the order of the template's variables.</summary>
    public ParameterContract[] PathParameters { get; set; } = [];
    public ParameterContract[] QueryParameters { get; set; } = [];
    public ParameterContract[] HeaderParameters { get; set; } = [];
    public ParameterContract[] CookieParameters { get; set; } = [];

    /// <summary>
    /// The scopes the operation's OpenAPI security requirements ask of the caller (the operation's own
    /// <c>security</c>, else the document's): any one alternative suffices, and within it every scope is needed.
    /// Empty when the document asks for no scope, or offers an alternative without any.
    /// </summary>
    public string[][] ScopeAlternatives { get; set; } = [];

    /// <summary>The documented body; null when the operation takes none (a request that sends one is refused).</summary>
    public RequestBodyContract? RequestBody { get; set; }

    /// <summary>Documented responses by status code (<c>200</c>), range (<c>2XX</c>) or <c>default</c>.</summary>
    public IReadOnlyDictionary<string, ResponseContract> Responses { get; set; } = new Dictionary<string, ResponseContract>();

    /// <summary>The documented response for a status: the exact code, then its range, then <c>default</c>.</summary>
    public ResponseContract? ResponseFor(int status) =>
        Responses.TryGetValue(StatusKeys.Code(status), out var exact) ? exact
        : Responses.TryGetValue(StatusKeys.Range(status), out var range) ? range
        : Responses.GetValueOrDefault("default");
}
