namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>
/// A property an object schema documents: its name (as a string for locations and as UTF-8 for comparing without
/// allocating), its schema (null when it is only listed as required), and its bit in the required masks.
/// </summary>
internal sealed class SchemaProperty(string name, SchemaNode? schema)
{
    public string Name { get; } = name;
    public byte[] Utf8Name { get; } = System.Text.Encoding.UTF8.GetBytes(name);
    public SchemaNode? Schema { get; set; } = schema;

    /// <summary>Bit of this property in the object's required masks; 0 when it is not required.</summary>
    public ulong RequiredBit { get; set; }
}
