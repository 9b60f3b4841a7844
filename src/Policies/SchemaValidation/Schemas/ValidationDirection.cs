namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>Which way a value travels: readOnly properties must not be sent in requests, writeOnly ones not in responses.</summary>
internal enum ValidationDirection
{
    Request,
    Response,
}
