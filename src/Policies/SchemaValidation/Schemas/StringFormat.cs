namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>The string formats the gateway checks. Other formats are annotations, as JSON Schema defines them.</summary>
internal enum StringFormat
{
    None,
    Date,
    DateTime,
    Email,
    Uuid,
    Uri,
    Ipv4,
    Ipv6,
    Hostname,
    Byte,
}
