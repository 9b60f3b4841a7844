namespace SpbeConnector.Policies.SchemaValidation.Contract;

internal enum ParameterLocation
{
    Path,
    Query,
    Header,
    Cookie,
}
