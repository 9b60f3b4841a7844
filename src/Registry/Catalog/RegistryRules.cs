using System.Text.RegularExpressions;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Messages;

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

    public static RegistryProblems Check(OpdInput input)
    {
        var errors = new RegistryProblems();
        if (!SegmentPattern().IsMatch(input.Code ?? ""))
            errors.Add("code", RegistryMessages.SegmentFormat);
        else if (ReservedCodes.Contains(input.Code!))
            errors.Add("code", RegistryMessages.OpdCodeReserved);
        CheckName(errors, input.Name);
        if (input.TenantDomain is { Length: > 0 } domain && !DomainPattern().IsMatch(domain))
            errors.Add("tenantDomain", RegistryMessages.OpdTenantDomainFormat);
        return errors;
    }

    public static RegistryProblems Check(ApiInput input)
    {
        var errors = new RegistryProblems();
        if (!SegmentPattern().IsMatch(input.Slug ?? ""))
            errors.Add("slug", RegistryMessages.SegmentFormat);
        if (!VersionPattern().IsMatch(input.Version ?? ""))
            errors.Add("version", RegistryMessages.ApiVersionFormat);
        CheckCommon(errors, input.Name, input.Description, input.UpstreamUrls, input.AllowInsecureUpstream);
        CheckScopes(errors, input.Scopes, input.RequiredScopes);
        CheckUpstreamOAuth(errors, input.UpstreamOAuth, secretRequired: true);
        CheckUpstreamBehaviour(errors, input.UpstreamTimeout, input.HealthCheck);
        return errors;
    }

    public static RegistryProblems Check(ApiUpdate input)
    {
        var errors = new RegistryProblems();
        CheckCommon(errors, input.Name, input.Description, input.UpstreamUrls, input.AllowInsecureUpstream);
        CheckScopes(errors, input.Scopes, input.RequiredScopes);
        CheckUpstreamOAuth(errors, input.UpstreamOAuth, secretRequired: false);
        CheckUpstreamBehaviour(errors, input.UpstreamTimeout, input.HealthCheck);
        return errors;
    }

    /// <summary>A timeout and a probing interval within sane bounds, and a probe path that is a plain absolute path.</summary>
    private static void CheckUpstreamBehaviour(RegistryProblems errors, TimeSpan? timeout, UpstreamHealthCheckInput? healthCheck)
    {
        if (timeout is { } t && (t < TimeSpan.FromSeconds(1) || t > TimeSpan.FromMinutes(10)))
            errors.Add("upstreamTimeout", RegistryMessages.ApiTimeoutRange);
        if (healthCheck is null)
            return;
        if (healthCheck.Path is not { Length: > 0 and <= 200 } path || path[0] != '/' || path.Contains("//", StringComparison.Ordinal)
            || path.Contains("..", StringComparison.Ordinal) || path.Any(c => c is '?' or '#' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c)))
            errors.Add("healthCheck.path", RegistryMessages.ApiHealthPathFormat);
        if (healthCheck.Interval is { } i && (i < TimeSpan.FromSeconds(1) || i > TimeSpan.FromHours(1)))
            errors.Add("healthCheck.interval", RegistryMessages.ApiHealthIntervalRange);
    }

    /// <summary>The upstream's token endpoint is HTTPS (credentials never travel in clear text, Pasal 59 ayat (4) huruf g).</summary>
    private static void CheckUpstreamOAuth(RegistryProblems errors, UpstreamOAuthInput? input, bool secretRequired)
    {
        if (input is null)
            return;
        if (!Uri.TryCreate(input.TokenEndpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo))
            errors.Add("upstreamOAuth.tokenEndpoint", RegistryMessages.ApiTokenEndpointFormat);
        if (string.IsNullOrWhiteSpace(input.ClientId) || input.ClientId.Length > 200)
            errors.Add("upstreamOAuth.clientId", RegistryMessages.LengthBetween, ("min", 1), ("max", 200));
        if (secretRequired && string.IsNullOrEmpty(input.ClientSecret))
            errors.Add("upstreamOAuth.clientSecret", RegistryMessages.Required);
        if (input.ClientSecret is { Length: > 1000 })
            errors.Add("upstreamOAuth.clientSecret", RegistryMessages.LengthAtMost, ("max", 1000));
        if (input.Scope is { } scope && scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !IsScope(s)))
            errors.Add("upstreamOAuth.scope", RegistryMessages.ApiScopeListFormat);
    }

    public static RegistryProblems Check(ClientInput input)
    {
        var errors = new RegistryProblems();
        if (input.ClientId is { Length: > 0 } clientId && !ClientIdPattern().IsMatch(clientId))
            errors.Add("clientId", RegistryMessages.ClientIdFormat);
        CheckName(errors, input.Name);
        CheckDescription(errors, input.Description);
        CheckClientKeys(errors, input.Jwks, input.Certificates, input.TlsClientAuthSubjectDn);
        return errors;
    }

    public static RegistryProblems Check(ClientUpdate input)
    {
        var errors = new RegistryProblems();
        CheckName(errors, input.Name);
        CheckDescription(errors, input.Description);
        CheckClientKeys(errors, input.Jwks, input.Certificates, input.TlsClientAuthSubjectDn);
        return errors;
    }

    private static void CheckClientKeys(RegistryProblems errors, string? jwks, IReadOnlyList<string>? certificates, string? subjectDn)
    {
        if (subjectDn is { Length: > 0 } && NormalizeDistinguishedName(subjectDn) is null)
            errors.Add("tlsClientAuthSubjectDn", RegistryMessages.ClientSubjectDnFormat);
        if (JwksProblem(jwks) is { } jwksProblem)
            errors.Add("jwks", jwksProblem);
        if (CertificateThumbprints(certificates).Problem is { } certificateProblem)
            errors.Add([certificateProblem]);
    }

    /// <summary>The scopes a subscription asks for must be scopes the API defines.</summary>
    public static RegistryProblems CheckSubscriptionScopes(IReadOnlyList<string>? requested, IReadOnlyList<string> defined)
    {
        var errors = new RegistryProblems();
        foreach (var scope in requested ?? [])
        {
            if (!defined.Contains(scope, StringComparer.Ordinal))
                errors.Add("scopes", RegistryMessages.SubscriptionScopeUnknown);
        }
        return errors;
    }

    /// <summary>Whether a string is a well-formed scope name; also used when reading token requests.</summary>
    /// <summary>
    /// The management scopes given to a management client: only <see cref="Contracts.ManagementScopes.All"/>, at least one
    /// when <paramref name="required"/>. Null when they are acceptable, else what is wrong.
    /// </summary>
    public static RegistryProblem? CheckManagementScopes(IReadOnlyList<string>? scopes, bool required) =>
        (scopes ?? []).Any(s => !Contracts.ManagementScopes.All.Contains(s)) ? RegistryProblem.Of("scopes", RegistryMessages.ManagementScopesOnly, ("scopes", string.Join(" and ", Contracts.ManagementScopes.All)))
        : required && (scopes ?? []).Count == 0 ? RegistryProblem.Of("scopes", RegistryMessages.ManagementScopesRequired) : null;

    public static bool IsScope(string value) => ScopePattern().IsMatch(value);

    private static void CheckScopes(RegistryProblems errors, IReadOnlyList<string>? scopes, IReadOnlyList<string>? required)
    {
        scopes ??= [];
        if (scopes.Count > 64)
            errors.Add("scopes", RegistryMessages.ApiScopesTooMany, ("max", 64));
        if (scopes.Any(s => !IsScope(s ?? "")))
            errors.Add("scopes", RegistryMessages.ApiScopeFormat);
        if (scopes.Distinct(StringComparer.Ordinal).Count() != scopes.Count)
            errors.Add("scopes", RegistryMessages.ApiScopesRepeated);
        if ((required ?? []).Any(r => !scopes.Contains(r, StringComparer.Ordinal)))
            errors.Add("requiredScopes", RegistryMessages.ApiRequiredScopesUnknown);
    }

    /// <summary>Bounds of the validation settings: each limit positive and below what one gateway node can buffer safely.</summary>
    public static RegistryProblems Check(ApiValidationSettings settings)
    {
        var errors = new RegistryProblems();
        Range(errors, "maxBodyBytes", settings.MaxBodyBytes, 1, 64 * 1024 * 1024);
        Range(errors, "maxDepth", settings.MaxDepth, 1, 256);
        Range(errors, "maxStringBytes", settings.MaxStringBytes, 1, 64 * 1024 * 1024);
        Range(errors, "maxArrayLength", settings.MaxArrayLength, 1, 1_000_000);
        Range(errors, "maxFileBytes", settings.MaxFileBytes, 1, 256 * 1024 * 1024);
        Range(errors, "maxFilesPerRequest", settings.MaxFilesPerRequest, 0, 100);
        Range(errors, "maxFilesPerClient", settings.MaxFilesPerClient, 0, int.MaxValue);
        if (settings.MaxFileBytesPerClient < 0)
            errors.Add("maxFileBytesPerClient", RegistryMessages.ZeroOrMore);
        if (settings.FileQuotaWindow < TimeSpan.FromMinutes(1) || settings.FileQuotaWindow > TimeSpan.FromDays(31))
            errors.Add("fileQuotaWindow", RegistryMessages.ApiFileQuotaWindowRange);
        foreach (var (name, value) in new (string, Enum)[] { ("responseValidation", settings.ResponseValidation), ("sessions", settings.Sessions), ("scannerOutage", settings.ScannerOutage) })
        {
            if (!Enum.IsDefined(value.GetType(), value))
                errors.Add(name, RegistryMessages.NotDocumentedValue);
        }
        if (settings.AllowedOrigins is null || settings.AllowedOrigins.Count > 32)
            errors.Add("allowedOrigins", RegistryMessages.ApiOriginsTooMany, ("max", 32));
        else
        {
            for (var i = 0; i < settings.AllowedOrigins.Count; i++)
            {
                if (!IsHttpsOrigin(settings.AllowedOrigins[i]))
                    errors.Add($"allowedOrigins[{i}]", RegistryMessages.ApiOriginHttps);
            }
        }
        if (settings.AllowedFileTypes is null || settings.AllowedFileTypes.Count > 64)
            errors.Add("allowedFileTypes", RegistryMessages.ApiFileTypesTooMany, ("max", 64));
        return errors;
    }

    /// <summary>An origin as browsers send it in the Origin header: <c>https://host[:port]</c>, lowercase, without a path.</summary>
    public static bool IsHttpsOrigin(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0
        && uri.GetLeftPart(UriPartial.Authority) == origin;

    private static void Range(RegistryProblems errors, string field, long value, long min, long max)
    {
        if (value < min || value > max)
            errors.Add(field, RegistryMessages.Between, ("min", min), ("max", max));
    }

    private static void CheckCommon(RegistryProblems errors, string? name, string? description, IReadOnlyList<string>? upstreams, bool allowInsecure)
    {
        CheckName(errors, name);
        CheckDescription(errors, description);
        if (upstreams is null || upstreams.Count == 0)
        {
            errors.Add("upstreamUrls", RegistryMessages.ApiUpstreamsRequired);
            return;
        }
        if (upstreams.Count > 32)
            errors.Add("upstreamUrls", RegistryMessages.ApiUpstreamsTooMany, ("max", 32));
        for (var i = 0; i < upstreams.Count; i++)
        {
            if (UpstreamProblem(upstreams[i], allowInsecure) is { } problem)
                errors.Add($"upstreamUrls[{i}]", problem);
        }
    }

    /// <summary>
    /// An upstream must be an absolute HTTPS URL (Pasal 59 ayat (11) huruf a, Pasal 60 ayat (5) huruf a); plain HTTP
    /// only when the API explicitly allows it. No credentials, query or fragment in the URL (Pasal 59 ayat (15) huruf b).
    /// </summary>
    public static RegistryMessage? UpstreamProblem(string? url, bool allowInsecure)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return RegistryMessages.UpstreamNotHttp;
        if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecure)
            return RegistryMessages.UpstreamPlainHttp;
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return RegistryMessages.UpstreamCredentials;
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            return RegistryMessages.UpstreamQuery;
        return null;
    }

    /// <summary>What <see cref="UpstreamProblem"/> finds, in English (the gateway's log); null when the URL is acceptable.</summary>
    public static string? CheckUpstream(string? url, bool allowInsecure) => UpstreamProblem(url, allowInsecure)?.English;

    private static void CheckName(RegistryProblems errors, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            errors.Add("name", RegistryMessages.LengthBetween, ("min", 1), ("max", 200));
    }

    private static void CheckDescription(RegistryProblems errors, string? description)
    {
        if (description is { Length: > 4000 })
            errors.Add("description", RegistryMessages.LengthAtMost, ("max", 4000));
    }
}
