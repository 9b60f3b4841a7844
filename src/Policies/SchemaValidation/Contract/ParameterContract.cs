using SpbeConnector.Policies.SchemaValidation.Schemas;

namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>
/// A parameter an operation documents: where it travels, whether it is required, its schema, and for an array
/// how its items are written (<c>explode</c> repeats the parameter; otherwise one value holds the items joined
/// by <see cref="Separator"/>).
/// </summary>
internal sealed class ParameterContract(string name, ParameterLocation location, bool required, SchemaNode schema, bool isArray, bool explode, char separator)
{
    public string Name { get; } = name;
    public ParameterLocation Location { get; } = location;
    public bool Required { get; } = required;
    public SchemaNode Schema { get; } = schema;
    public bool IsArray { get; } = isArray;
    public bool Explode { get; } = explode;
    public char Separator { get; } = separator;

    /// <summary>The location of this parameter in problems, such as <c>/query/halaman</c>.</summary>
    public string Pointer { get; } = $"/{location.ToString().ToLowerInvariant()}/{Registry.Contracts.JsonPointer.Escape(name)}";
}
