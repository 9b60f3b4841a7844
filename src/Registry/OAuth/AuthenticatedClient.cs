namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// A client application that proved its identity at a protocol endpoint, and how: <c>client_secret_basic</c>,
/// <c>client_secret_post</c>, <c>private_key_jwt</c>, <c>tls_client_auth</c> or <c>self_signed_tls_client_auth</c>.
/// </summary>
public sealed record AuthenticatedClient(Guid Id, string ClientId, string? OpdCode, bool MayIntrospect, string Method, bool IsManagementClient = false, IReadOnlyList<string>? ManagementScopes = null);
