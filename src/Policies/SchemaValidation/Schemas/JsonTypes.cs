namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>The JSON Schema types a schema allows; <see cref="Any"/> when it names none.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    String = 16,
    Array = 32,
    Object = 64,
    Any = Null | Boolean | Integer | Number | String | Array | Object,
}
