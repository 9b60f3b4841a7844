using System.Text.RegularExpressions;
using SpbeConnector.Registry.Domain;

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

    public static Dictionary<string, string[]> Check(ApiCorsSettings settings)
    {
        var errors = new ErrorList();
        var origins = settings.AllowedOrigins;
        if (origins is null || origins.Count > MaxCorsEntries)
            errors.Add("allowedOrigins", $"must be a list of at most {MaxCorsEntries} origins");
        else if (origins.Contains("*"))
        {
            if (origins.Count > 1)
                errors.Add("allowedOrigins", "'*' allows every origin and must be the only entry");
            if (settings.AllowCredentials)
                errors.Add("allowCredentials", "cannot be true when allowedOrigins is '*': credentials are only for listed origins");
        }
        else
        {
            for (var i = 0; i < origins.Count; i++)
            {
                if (!IsCorsOrigin(origins[i]))
                    errors.Add($"allowedOrigins[{i}]", "must be an origin as browsers send it: https://host[:port] in lowercase without path or trailing slash (http:// only for localhost or a loopback address), such as https://layanan.bekasikota.go.id");
            }
            if (origins.Distinct(StringComparer.Ordinal).Count() != origins.Count)
                errors.Add("allowedOrigins", "must not repeat an origin");
        }
        if (settings.AllowedMethods is null || settings.AllowedMethods.Count > CorsMethods.Count
            || settings.AllowedMethods.Any(m => !CorsMethods.Contains(m, StringComparer.Ordinal)))
            errors.Add("allowedMethods", $"must be a list of the methods {string.Join(", ", CorsMethods)} (uppercase)");
        else if (settings.AllowedMethods.Count == 0 && origins is { Count: > 0 })
            errors.Add("allowedMethods", "must name at least one method when origins are allowed");
        CheckHeaderNames(errors, "allowedHeaders", settings.AllowedHeaders);
        CheckHeaderNames(errors, "exposedHeaders", settings.ExposedHeaders);
        if (settings.MaxAge is { } maxAge && (maxAge < TimeSpan.Zero || maxAge > TimeSpan.FromDays(1)))
            errors.Add("maxAge", "must be between 00:00:00 and 1.00:00:00");
        return errors.ToDictionary();
    }

    /// <summary>
    /// An origin exactly as a browser serialises it in the Origin header (compared as a string): https, or http for a
    /// loopback development host; lowercase host, no default port, no path, user info or trailing slash.
    /// </summary>
    public static bool IsCorsOrigin(string? origin) =>
        IsHttpsOrigin(origin)
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            && uri.UserInfo.Length == 0 && uri.GetLeftPart(UriPartial.Authority) == origin);

    private static void CheckHeaderNames(ErrorList errors, string field, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count > MaxCorsEntries)
            errors.Add(field, $"must be a list of at most {MaxCorsEntries} header names");
        else if (names.Any(n => n == "*" || !HeaderNamePattern().IsMatch(n ?? "")))
            errors.Add(field, "must list header names such as Authorization or Content-Type; '*' is not accepted, name each header");
    }
}
