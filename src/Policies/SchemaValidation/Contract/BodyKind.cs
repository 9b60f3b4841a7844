namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>How the gateway reads a body of a documented media type.</summary>
internal enum BodyKind
{
    /// <summary><c>application/json</c> and <c>*/*+json</c>: parsed and checked against the schema.</summary>
    Json,
    /// <summary><c>application/x-www-form-urlencoded</c>: fields checked against the object schema's properties.</summary>
    Form,
    /// <summary><c>multipart/form-data</c>: fields checked like a form, file parts handed to the file controls.</summary>
    Multipart,
    /// <summary>Any other type (PDF, images, octet streams): the body is one file, handed to the file controls.</summary>
    Binary,
}
