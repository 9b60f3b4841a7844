using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

public sealed record OperationLimitResponse(string Method, string PathTemplate, long RequestsPerMinute)
{
    public static OperationLimitResponse From(ApiOperationLimit o) => new(o.Method, o.PathTemplate, o.RequestsPerMinute);
}
