using OpenIddict.Server;

namespace SpbeConnector.Registry.OAuth.Handlers;

/// <summary>
/// What the registry's handlers learn during one OpenIddict request and later handlers need: the client authenticated
/// against the registry, and a refusal whose HTTP status OpenIddict's error code alone does not say.
/// </summary>
internal static class RegistryTransaction
{
    private const string ClientKey = "spbe:client";
    private const string RetryAfterKey = "spbe:retry-after";
    private const string ForbiddenKey = "spbe:forbidden";

    public static void SetClient(this OpenIddictServerTransaction transaction, AuthenticatedClient client) => transaction.Properties[ClientKey] = client;

    public static AuthenticatedClient? GetClient(this OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(ClientKey, out var value) ? value as AuthenticatedClient : null;

    /// <summary>The source is over the brute-force limit: answered 429 with <c>Retry-After</c> rather than 401.</summary>
    public static void SetRetryAfter(this OpenIddictServerTransaction transaction, TimeSpan wait) => transaction.Properties[RetryAfterKey] = wait;

    public static TimeSpan? GetRetryAfter(this OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(RetryAfterKey, out var value) ? value as TimeSpan? : null;

    /// <summary>An authenticated client asked for what it may not have (introspection without the right): 403.</summary>
    public static void SetForbidden(this OpenIddictServerTransaction transaction) => transaction.Properties[ForbiddenKey] = true;

    public static bool IsForbidden(this OpenIddictServerTransaction transaction) => transaction.Properties.ContainsKey(ForbiddenKey);
}
