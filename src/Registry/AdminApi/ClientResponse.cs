using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>A client application as the admin API shows it: secrets by hint and validity only, never their value.</summary>
public sealed record ClientResponse(
    Guid Id,
    string ClientId,
    string? OpdCode,
    string Name,
    string? Description,
    ClientStatus Status,
    bool MayIntrospect,
    IReadOnlyList<ClientSecretResponse> Secrets,
    string? Jwks,
    IReadOnlyList<string> CertificateThumbprints,
    string? TlsClientAuthSubjectDn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool IsManagementClient,
    IReadOnlyList<string> ManagementScopes)
{
    public static ClientResponse From(ClientApplication c) => new(
        c.Id, c.ClientId, c.Opd?.Code, c.Name, c.Description, c.Status, c.MayIntrospect,
        c.Secrets.OrderBy(s => s.CreatedAt).Select(s => new ClientSecretResponse(s.Id, "…" + s.Hint, s.CreatedAt, s.ExpiresAt)).ToList(),
        c.Jwks, c.CertificateThumbprints, c.TlsClientAuthSubjectDn,
        c.CreatedAt, c.UpdatedAt, c.IsManagementClient, c.ManagementScopes);
}

/// <summary>A client secret's metadata: which one (by its last characters), since when, and until when.</summary>
public sealed record ClientSecretResponse(Guid Id, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>A client application just registered, with its first secret, shown this once.</summary>
public sealed record CreatedClientResponse(ClientResponse Client, string ClientSecret);

/// <summary>A new client secret, shown this once.</summary>
public sealed record IssuedSecretResponse(string ClientId, Guid SecretId, string ClientSecret, DateTimeOffset CreatedAt);

/// <summary>The body of a client status change.</summary>
/// <summary>A client application's new status; disabling is an emergency act and says why (<paramref name="Reason"/>).</summary>
public sealed record ClientStatusChange(ClientStatus Status, string? Reason = null);

/// <summary>
/// The body of a secret rotation: how long the client's current secrets keep working (for example
/// <c>"1.00:00:00"</c>); absent uses the configured overlap, zero ends them at once.
/// </summary>
public sealed record SecretRotation(TimeSpan? Overlap);
