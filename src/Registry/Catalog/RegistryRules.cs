using System.Text.RegularExpressions;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Catalog;

/// <summary>The validation rules of registry input, collected per field so that one answer names every problem.</summary>
public static partial class RegistryRules
{
    /// <summary>First path segments the gateway itself uses; an OPD code must not shadow them.</summary>
    public static readonly IReadOnlySet<string> ReservedCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "oauth2", "healthz", "readyz", "openapi", "t", "portal", "metrics", "well-known", "audit", "api",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$")]
    private static partial Regex VersionPattern();

    /// <summary>Client ids: letters, digits and <c>-._</c>, safe in a Basic header and a URL path (RFC 6749 appendix A.1).</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")]
    private static partial Regex ClientIdPattern();

    /// <summary>Scope names: a safe subset of RFC 6749 section 3.3 <c>scope-token</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$")]
    private static partial Regex ScopePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();

    public static Dictionary<string, string[]> Check(OpdInput input)
    {
        var errors = new ErrorList();
        if (!SegmentPattern().IsMatch(input.Code ?? ""))
            errors.Add("code", "must be 2 to 63 lowercase letters, digits or hyphens, starting with a letter or digit");
        else if (ReservedCodes.Contains(input.Code!))
            errors.Add("code", "is reserved by the gateway; choose another code");
        CheckName(errors, input.Name);
        if (input.TenantDomain is { Length: > 0 } domain && !DomainPattern().IsMatch(domain))
            errors.Add("tenantDomain", "must be a lowercase domain name such as disdukcapil.bekasikota.go.id");
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Check(ApiInput input)
    {
        var errors = new ErrorList();
        if (!SegmentPattern().IsMatch(input.Slug ?? ""))
            errors.Add("slug", "must be 2 to 63 lowercase letters, digits or hyphens, starting with a letter or digit");
        if (!VersionPattern().IsMatch(input.Version ?? ""))
            errors.Add("version", "must be 1 to 32 letters, digits, dots or hyphens, such as v1 or 1.0");
        CheckCommon(errors, input.Name, input.Description, input.UpstreamUrls, input.AllowInsecureUpstream);
        CheckScopes(errors, input.Scopes, input.RequiredScopes);
        CheckUpstreamOAuth(errors, input.UpstreamOAuth, secretRequired: true);
        CheckUpstreamBehaviour(errors, input.UpstreamTimeout, input.HealthCheck);
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Check(ApiUpdate input)
    {
        var errors = new ErrorList();
        CheckCommon(errors, input.Name, input.Description, input.UpstreamUrls, input.AllowInsecureUpstream);
        CheckScopes(errors, input.Scopes, input.RequiredScopes);
        CheckUpstreamOAuth(errors, input.UpstreamOAuth, secretRequired: false);
        CheckUpstreamBehaviour(errors, input.UpstreamTimeout, input.HealthCheck);
        return errors.ToDictionary();
    }

    /// <summary>A timeout and a probing interval within sane bounds, and a probe path that is a plain absolute path.</summary>
    private static void CheckUpstreamBehaviour(ErrorList errors, TimeSpan? timeout, UpstreamHealthCheckInput? healthCheck)
    {
        if (timeout is { } t && (t < TimeSpan.FromSeconds(1) || t > TimeSpan.FromMinutes(10)))
            errors.Add("upstreamTimeout", "must be between 00:00:01 and 00:10:00");
        if (healthCheck is null)
            return;
        if (healthCheck.Path is not { Length: > 0 and <= 200 } path || path[0] != '/' || path.Contains("//", StringComparison.Ordinal)
            || path.Contains("..", StringComparison.Ordinal) || path.Any(c => c is '?' or '#' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
            errors.Add("healthCheck.path", "must be an absolute path such as /health, at most 200 characters, without query, '..' or '//'");
        if (healthCheck.Interval is { } i && (i < TimeSpan.FromSeconds(1) || i > TimeSpan.FromHours(1)))
            errors.Add("healthCheck.interval", "must be between 00:00:01 and 01:00:00");
    }

    /// <summary>The upstream's token endpoint is HTTPS (credentials never travel in clear text, Pasal 59 ayat (4) huruf g).</summary>
    private static void CheckUpstreamOAuth(ErrorList errors, UpstreamOAuthInput? input, bool secretRequired)
    {
        if (input is null)
            return;
        if (!Uri.TryCreate(input.TokenEndpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo))
            errors.Add("upstreamOAuth.tokenEndpoint", "must be an https URL without credentials");
        if (string.IsNullOrWhiteSpace(input.ClientId) || input.ClientId.Length > 200)
            errors.Add("upstreamOAuth.clientId", "must be 1 to 200 characters");
        if (secretRequired && string.IsNullOrEmpty(input.ClientSecret))
            errors.Add("upstreamOAuth.clientSecret", "is required");
        if (input.ClientSecret is { Length: > 1000 })
            errors.Add("upstreamOAuth.clientSecret", "must be at most 1000 characters");
        if (input.Scope is { } scope && scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !IsScope(s)))
            errors.Add("upstreamOAuth.scope", "must be space-separated scope names");
    }

    public static Dictionary<string, string[]> Check(ClientInput input)
    {
        var errors = new ErrorList();
        if (input.ClientId is { Length: > 0 } clientId && !ClientIdPattern().IsMatch(clientId))
            errors.Add("clientId", "must be 3 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit");
        CheckName(errors, input.Name);
        CheckDescription(errors, input.Description);
        CheckClientKeys(errors, input.Jwks, input.Certificates, input.TlsClientAuthSubjectDn);
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Check(ClientUpdate input)
    {
        var errors = new ErrorList();
        CheckName(errors, input.Name);
        CheckDescription(errors, input.Description);
        CheckClientKeys(errors, input.Jwks, input.Certificates, input.TlsClientAuthSubjectDn);
        return errors.ToDictionary();
    }

    private static void CheckClientKeys(ErrorList errors, string? jwks, IReadOnlyList<string>? certificates, string? subjectDn)
    {
        if (subjectDn is { Length: > 0 } && NormalizeDistinguishedName(subjectDn) is null)
            errors.Add("tlsClientAuthSubjectDn", "must be a distinguished name such as CN=simrs, O=RSUD Kota Bekasi, C=ID");
        if (CheckJwks(jwks) is { } jwksProblem)
            errors.Add("jwks", jwksProblem);
        if (CertificateThumbprints(certificates).Problem is { } certificateProblem)
            errors.Add("certificates", certificateProblem);
    }

    /// <summary>The scopes a subscription asks for must be scopes the API defines.</summary>
    public static Dictionary<string, string[]> CheckSubscriptionScopes(IReadOnlyList<string>? requested, IReadOnlyList<string> defined)
    {
        var errors = new ErrorList();
        foreach (var scope in requested ?? [])
        {
            if (!defined.Contains(scope, StringComparer.Ordinal))
                errors.Add("scopes", "names a scope the API does not define; see the API's scopes");
        }
        return errors.ToDictionary();
    }

    /// <summary>Whether a string is a well-formed scope name; also used when reading token requests.</summary>
    /// <summary>
    /// The management scopes given to a management client: only <see cref="Contracts.ManagementScopes.All"/>, at least one
    /// when <paramref name="required"/>. Null when they are acceptable, else what is wrong.
    /// </summary>
    public static string? CheckManagementScopes(IReadOnlyList<string>? scopes, bool required) =>
        (scopes ?? []).Any(s => !Contracts.ManagementScopes.All.Contains(s)) ? $"may hold only {string.Join(" and ", Contracts.ManagementScopes.All)}"
        : required && (scopes ?? []).Count == 0 ? "needs at least one management scope" : null;

    public static bool IsScope(string value) => ScopePattern().IsMatch(value);

    private static void CheckScopes(ErrorList errors, IReadOnlyList<string>? scopes, IReadOnlyList<string>? required)
    {
        scopes ??= [];
        if (scopes.Count > 64)
            errors.Add("scopes", "must name at most 64 scopes");
        if (scopes.Any(s => !IsScope(s ?? "")))
            errors.Add("scopes", "must be 1 to 100 letters, digits or . _ : / -, starting with a letter or digit");
        if (scopes.Distinct(StringComparer.Ordinal).Count() != scopes.Count)
            errors.Add("scopes", "must not repeat a scope");
        if ((required ?? []).Any(r => !scopes.Contains(r, StringComparer.Ordinal)))
            errors.Add("requiredScopes", "must name only scopes listed in 'scopes'");
    }

    /// <summary>Bounds of the validation settings: each limit positive and below what one gateway node can buffer safely.</summary>
    public static Dictionary<string, string[]> Check(ApiValidationSettings settings)
    {
        var errors = new ErrorList();
        Range(errors, "maxBodyBytes", settings.MaxBodyBytes, 1, 64 * 1024 * 1024);
        Range(errors, "maxDepth", settings.MaxDepth, 1, 256);
        Range(errors, "maxStringBytes", settings.MaxStringBytes, 1, 64 * 1024 * 1024);
        Range(errors, "maxArrayLength", settings.MaxArrayLength, 1, 1_000_000);
        Range(errors, "maxFileBytes", settings.MaxFileBytes, 1, 256 * 1024 * 1024);
        Range(errors, "maxFilesPerRequest", settings.MaxFilesPerRequest, 0, 100);
        Range(errors, "maxFilesPerClient", settings.MaxFilesPerClient, 0, int.MaxValue);
        if (settings.MaxFileBytesPerClient < 0)
            errors.Add("maxFileBytesPerClient", "must be 0 or more");
        if (settings.FileQuotaWindow < TimeSpan.FromMinutes(1) || settings.FileQuotaWindow > TimeSpan.FromDays(31))
            errors.Add("fileQuotaWindow", "must be between 00:01:00 and 31.00:00:00");
        foreach (var (name, value) in new (string, Enum)[] { ("responseValidation", settings.ResponseValidation), ("sessions", settings.Sessions), ("scannerOutage", settings.ScannerOutage) })
        {
            if (!Enum.IsDefined(value.GetType(), value))
                errors.Add(name, "is not one of the documented values");
        }
        if (settings.AllowedOrigins is null || settings.AllowedOrigins.Count > 32)
            errors.Add("allowedOrigins", "must be a list of at most 32 origins");
        else
        {
            for (var i = 0; i < settings.AllowedOrigins.Count; i++)
            {
                if (!IsHttpsOrigin(settings.AllowedOrigins[i]))
                    errors.Add($"allowedOrigins[{i}]", "must be an https origin such as https://layanan.bekasikota.go.id (scheme, host and optional port, nothing else)");
            }
        }
        if (settings.AllowedFileTypes is null || settings.AllowedFileTypes.Count > 64)
            errors.Add("allowedFileTypes", "must be a list of at most 64 media types");
        return errors.ToDictionary();
    }

    /// <summary>An origin as browsers send it in the Origin header: <c>https://host[:port]</c>, lowercase, without a path.</summary>
    public static bool IsHttpsOrigin(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0
        && uri.GetLeftPart(UriPartial.Authority) == origin;

    private static void Range(ErrorList errors, string field, long value, long min, long max)
    {
        if (value < min || value > max)
            errors.Add(field, $"must be between {min} and {max}");
    }

    private static void CheckCommon(ErrorList errors, string? name, string? description, IReadOnlyList<string>? upstreams, bool allowInsecure)
    {
        CheckName(errors, name);
        CheckDescription(errors, description);
        if (upstreams is null || upstreams.Count == 0)
        {
            errors.Add("upstreamUrls", "must name at least one upstream base URL");
            return;
        }
        if (upstreams.Count > 32)
            errors.Add("upstreamUrls", "must name at most 32 upstream instances");
        for (var i = 0; i < upstreams.Count; i++)
        {
            var problem = CheckUpstream(upstreams[i], allowInsecure);
            if (problem is not null)
                errors.Add($"upstreamUrls[{i}]", problem);
        }
    }

    /// <summary>
    /// An upstream must be an absolute HTTPS URL (Pasal 59 ayat (11) huruf a, Pasal 60 ayat (5) huruf a); plain HTTP
    /// only when the API explicitly allows it. No credentials, query or fragment in the URL (Pasal 59 ayat (15) huruf b).
    /// </summary>
    public static string? CheckUpstream(string? url, bool allowInsecure)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "must be an absolute http or https URL";
        if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecure)
            return "is plain HTTP, which is refused; use https, or set allowInsecureUpstream for this API if the upstream is on the same host";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "must not carry credentials";
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            return "must not carry a query or fragment";
        return null;
    }

    private static void CheckName(ErrorList errors, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            errors.Add("name", "must be 1 to 200 characters");
    }

    private static void CheckDescription(ErrorList errors, string? description)
    {
        if (description is { Length: > 4000 })
            errors.Add("description", "must be at most 4000 characters");
    }

    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> _errors = new();

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
                _errors[field] = list = new List<string>();
            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
