using System.Text.RegularExpressions;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Rules of an API's CORS settings: only what a browser compares exactly, and no wildcard that widens credentials
/// (Pasal 60 ayat (5) huruf d: cookies and client certificates only for origins listed by name).
/// </summary>
public static partial class RegistryRules
{
    public const int MaxCorsEntries = 32;

    /// <summary>The methods a cross-origin request may be allowed; OPTIONS is the preflight itself, TRACE and CONNECT never.</summary>
    public static readonly IReadOnlyList<string> CorsMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>A header name (RFC 9110 section 5.1 token), as browsers list it in Access-Control-Request-Headers.</summary>
    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$")]
    private static partial Regex HeaderNamePattern();

    public static RegistryProblems Check(ApiCorsSettings settings)
    {
        var errors = new RegistryProblems();
        var origins = settings.AllowedOrigins;
        if (origins is null || origins.Count > MaxCorsEntries)
            errors.Add("allowedOrigins", RegistryMessages.ApiOriginsTooMany, ("max", MaxCorsEntries));
        else if (origins.Contains("*"))
        {
            if (origins.Count > 1)
                errors.Add("allowedOrigins", RegistryMessages.CorsWildcardAlone);
            if (settings.AllowCredentials)
                errors.Add("allowCredentials", RegistryMessages.CorsCredentialsWildcard);
        }
        else
        {
            for (var i = 0; i < origins.Count; i++)
            {
                if (!IsCorsOrigin(origins[i]))
                    errors.Add($"allowedOrigins[{i}]", RegistryMessages.CorsOriginFormat);
            }
            if (origins.Distinct(StringComparer.Ordinal).Count() != origins.Count)
                errors.Add("allowedOrigins", RegistryMessages.CorsOriginsRepeated);
        }
        if (settings.AllowedMethods is null || settings.AllowedMethods.Count > CorsMethods.Count
            || settings.AllowedMethods.Any(m => !CorsMethods.Contains(m, StringComparer.Ordinal)))
            errors.Add("allowedMethods", RegistryMessages.CorsMethodsFormat, ("methods", string.Join(", ", CorsMethods)));
        else if (settings.AllowedMethods.Count == 0 && origins is { Count: > 0 })
            errors.Add("allowedMethods", RegistryMessages.CorsMethodsRequired);
        CheckHeaderNames(errors, "allowedHeaders", settings.AllowedHeaders);
        CheckHeaderNames(errors, "exposedHeaders", settings.ExposedHeaders);
        if (settings.MaxAge is { } maxAge && (maxAge < TimeSpan.Zero || maxAge > TimeSpan.FromDays(1)))
            errors.Add("maxAge", RegistryMessages.CorsMaxAgeRange);
        return errors;
    }

    /// <summary>
    /// An origin exactly as a browser serialises it in the Origin header (compared as a string): https, or http for a
    /// loopback development host; lowercase host, no default port, no path, user info or trailing slash.
    /// </summary>
    public static bool IsCorsOrigin(string? origin) =>
        IsHttpsOrigin(origin)
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            && uri.UserInfo.Length == 0 && uri.GetLeftPart(UriPartial.Authority) == origin);

    private static void CheckHeaderNames(RegistryProblems errors, string field, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count > MaxCorsEntries)
            errors.Add(field, RegistryMessages.CorsHeadersTooMany, ("max", MaxCorsEntries));
        else if (names.Any(n => n == "*" || !HeaderNamePattern().IsMatch(n ?? "")))
            errors.Add(field, RegistryMessages.CorsHeadersFormat);
    }
}
