using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

public sealed record OpdResponse(Guid Id, string Code, string Name, string? TenantDomain, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OpdResponse From(Opd o) => new(o.Id, o.Code, o.Name, o.TenantDomain, o.CreatedAt, o.UpdatedAt);
}
