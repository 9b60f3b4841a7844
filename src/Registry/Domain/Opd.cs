namespace SpbeConnector.Registry.Domain;

/// <summary>
/// An agency of the regional government (Organisasi Perangkat Daerah): the tenant that owns APIs and applications.
/// </summary>
public sealed class Opd
{
    public Guid Id { get; set; }

    /// <summary>Short lowercase code used as the first segment of public paths, for example <c>disdukcapil</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>
    /// Optional tenant domain in the national connector's convention (<c>/t/{tenant}/...</c>), for example
    /// <c>disdukcapil.bekasikota.go.id</c>. When empty, the code serves as the tenant.
    /// </summary>
    public string? TenantDomain { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
