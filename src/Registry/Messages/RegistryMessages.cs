using System.Reflection;

namespace SpbeConnector.Registry.Messages;

/// <summary>
/// Every message the registry gives about a refused request, each with a stable id and named arguments. The admin API
/// answers with the English template (and the id, so that clients can translate); the portal renders the id from its
/// texts <c>registry.{id}</c> in Bahasa Indonesia or English (Portal/Resources/strings-registry.*.json).
/// </summary>
public static partial class RegistryMessages
{
    private static readonly Lazy<IReadOnlyDictionary<string, RegistryMessage>> ById = new(() =>
        typeof(RegistryMessages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(RegistryMessage))
            .Select(f => (RegistryMessage)f.GetValue(null)!)
            .ToDictionary(m => m.Id, StringComparer.Ordinal));

    /// <summary>Every message, for the test that the portal says each in both languages with the same arguments.</summary>
    public static IReadOnlyCollection<RegistryMessage> All => ById.Value.Values.ToList();

    public static RegistryMessage? Find(string id) => ById.Value.GetValueOrDefault(id);

    // Shapes shared by many fields.
    public static readonly RegistryMessage Required = new("field.required", "is required");
    public static readonly RegistryMessage LengthBetween = new("field.length", "must be {min} to {max} characters");
    public static readonly RegistryMessage LengthAtMost = new("field.lengthAtMost", "must be at most {max} characters");
    public static readonly RegistryMessage Between = new("field.between", "must be between {min} and {max}");
    public static readonly RegistryMessage ZeroOrMore = new("field.zeroOrMore", "must be 0 or more");
    public static readonly RegistryMessage NotDocumentedValue = new("field.notDocumentedValue", "is not one of the documented values");
    public static readonly RegistryMessage SegmentFormat = new("field.segmentFormat", "must be 2 to 63 lowercase letters, digits or hyphens, starting with a letter or digit");
    public static readonly RegistryMessage ConcurrentChange = new("registry.concurrentChange", "The change collides with a concurrent change; read the current state and try again.");

    // OPDs.
    public static readonly RegistryMessage OpdCodeReserved = new("opd.code.reserved", "is reserved by the gateway; choose another code");
    public static readonly RegistryMessage OpdTenantDomainFormat = new("opd.tenantDomain.format", "must be a lowercase domain name such as disdukcapil.bekasikota.go.id");
    public static readonly RegistryMessage OpdCodeTaken = new("opd.code.taken", "An OPD with code '{code}' already exists.");
    public static readonly RegistryMessage OpdTenantDomainTaken = new("opd.tenantDomain.taken", "Tenant domain '{domain}' already belongs to another OPD.");
    public static readonly RegistryMessage OpdUnknown = new("opd.unknown", "names no registered OPD");

    // APIs.
    public static readonly RegistryMessage ApiVersionFormat = new("api.version.format", "must be 1 to 32 letters, digits, dots or hyphens, such as v1 or 1.0");
    public static readonly RegistryMessage ApiTimeoutRange = new("api.upstreamTimeout.range", "must be between 00:00:01 and 00:10:00");
    public static readonly RegistryMessage ApiHealthPathFormat = new("api.healthCheck.path.format", "must be an absolute path such as /health, at most 200 characters, without query, '..' or '//'");
    public static readonly RegistryMessage ApiHealthIntervalRange = new("api.healthCheck.interval.range", "must be between 00:00:01 and 01:00:00");
    public static readonly RegistryMessage ApiTokenEndpointFormat = new("api.upstreamOAuth.tokenEndpoint.format", "must be an https URL without credentials");
    public static readonly RegistryMessage ApiScopeListFormat = new("api.scopeList.format", "must be space-separated scope names");
    public static readonly RegistryMessage ApiScopesTooMany = new("api.scopes.tooMany", "must name at most {max} scopes");
    public static readonly RegistryMessage ApiScopeFormat = new("api.scopes.format", "must be 1 to 100 letters, digits or . _ : / -, starting with a letter or digit");
    public static readonly RegistryMessage ApiScopesRepeated = new("api.scopes.repeated", "must not repeat a scope");
    public static readonly RegistryMessage ApiRequiredScopesUnknown = new("api.requiredScopes.unknown", "must name only scopes listed in 'scopes'");
    public static readonly RegistryMessage ApiUpstreamsRequired = new("api.upstreamUrls.required", "must name at least one upstream base URL");
    public static readonly RegistryMessage ApiUpstreamsTooMany = new("api.upstreamUrls.tooMany", "must name at most {max} upstream instances");
    public static readonly RegistryMessage UpstreamNotHttp = new("api.upstreamUrl.notHttp", "must be an absolute http or https URL");
    public static readonly RegistryMessage UpstreamPlainHttp = new("api.upstreamUrl.plainHttp", "is plain HTTP, which is refused; use https, or set allowInsecureUpstream for this API if the upstream is on the same host");
    public static readonly RegistryMessage UpstreamCredentials = new("api.upstreamUrl.credentials", "must not carry credentials");
    public static readonly RegistryMessage UpstreamQuery = new("api.upstreamUrl.query", "must not carry a query or fragment");
    public static readonly RegistryMessage ApiFileQuotaWindowRange = new("api.fileQuotaWindow.range", "must be between 00:01:00 and 31.00:00:00");
    public static readonly RegistryMessage ApiOriginsTooMany = new("api.allowedOrigins.tooMany", "must be a list of at most {max} origins");
    public static readonly RegistryMessage ApiOriginHttps = new("api.allowedOrigins.https", "must be an https origin such as https://layanan.bekasikota.go.id (scheme, host and optional port, nothing else)");
    public static readonly RegistryMessage ApiFileTypesTooMany = new("api.allowedFileTypes.tooMany", "must be a list of at most {max} media types");
    public static readonly RegistryMessage ApiTaken = new("api.taken", "OPD '{opd}' already has API '{slug}' version '{version}'.");
    public static readonly RegistryMessage ApiUnknown = new("api.unknown", "names no registered API");
    public static readonly RegistryMessage ApiRetiredTarget = new("api.retired", "names a retired API");

    public static readonly RegistryMessage ApiRetiredUnchangeable = new("api.retired.unchangeable", "A retired API cannot be changed; register a new version instead.");
    public static readonly RegistryMessage ApiInReview = new("api.inReview", "The API is in review: its settings stay what the reviewers read. Withdraw it to Draft (status Draft) to change it.");
    public static readonly RegistryMessage ApiCannotMove = new("api.cannotMove", "An API in state {status} cannot move to {target}; allowed next states: {next}.");
    public static readonly RegistryMessage ApiUpstreamSecretRequired = new("api.upstreamOAuth.clientSecret.required", "is required for a new token endpoint or client id");

    // CORS.
    public static readonly RegistryMessage CorsWildcardAlone = new("cors.allowedOrigins.wildcardAlone", "'*' allows every origin and must be the only entry");
    public static readonly RegistryMessage CorsCredentialsWildcard = new("cors.allowCredentials.wildcard", "cannot be true when allowedOrigins is '*': credentials are only for listed origins");
    public static readonly RegistryMessage CorsOriginFormat = new("cors.allowedOrigins.format", "must be an origin as browsers send it: https://host[:port] in lowercase without path or trailing slash (http:// only for localhost or a loopback address), such as https://layanan.bekasikota.go.id");
    public static readonly RegistryMessage CorsOriginsRepeated = new("cors.allowedOrigins.repeated", "must not repeat an origin");
    public static readonly RegistryMessage CorsMethodsFormat = new("cors.allowedMethods.format", "must be a list of the methods {methods} (uppercase)");
    public static readonly RegistryMessage CorsMethodsRequired = new("cors.allowedMethods.required", "must name at least one method when origins are allowed");
    public static readonly RegistryMessage CorsHeadersTooMany = new("cors.headers.tooMany", "must be a list of at most {max} header names");
    public static readonly RegistryMessage CorsHeadersFormat = new("cors.headers.format", "must list header names such as Authorization or Content-Type; '*' is not accepted, name each header");
    public static readonly RegistryMessage CorsMaxAgeRange = new("cors.maxAge.range", "must be between 00:00:00 and 1.00:00:00");

    // Client applications and their keys.
    public static readonly RegistryMessage ClientIdFormat = new("client.clientId.format", "must be 3 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit");
    public static readonly RegistryMessage ClientSubjectDnFormat = new("client.subjectDn.format", "must be a distinguished name such as CN=simrs, O=RSUD Kota Bekasi, C=ID");
    public static readonly RegistryMessage JwksTooLarge = new("client.jwks.tooLarge", "must be at most 64 KiB");
    public static readonly RegistryMessage JwksFormat = new("client.jwks.format", "must be a JWK Set: {{\"keys\": [...]}}");
    public static readonly RegistryMessage JwksEmpty = new("client.jwks.empty", "must hold at least one key");
    public static readonly RegistryMessage JwksKeyType = new("client.jwks.keyType", "may hold RSA and EC keys only");
    public static readonly RegistryMessage JwksPrivateKey = new("client.jwks.privateKey", "holds a private key; register the public key only and keep the private key with the client");
    public static readonly RegistryMessage CertificatesFormat = new("client.certificates.format", "must be PEM certificates (-----BEGIN CERTIFICATE-----)");
    public static readonly RegistryMessage CertificatesTooMany = new("client.certificates.tooMany", "must name at most {max} certificates");
    public static readonly RegistryMessage ClientIdTaken = new("client.clientId.taken", "A client application with client id '{clientId}' already exists.");
    public static readonly RegistryMessage ClientUnknown = new("client.unknown", "names no registered client application");
    public static readonly RegistryMessage SecretOverlapRange = new("client.overlap.range", "must be between 0 and 90 days");
    public static readonly RegistryMessage ManagementScopesOnly = new("client.managementScopes.only", "may hold only {scopes}");
    public static readonly RegistryMessage ManagementScopesRequired = new("client.managementScopes.required", "needs at least one management scope");
    public static readonly RegistryMessage ManagementNameFormat = new("client.managementName.format", "is required, at most 200 characters");

    // Subscriptions.
    public static readonly RegistryMessage SubscriptionScopeUnknown = new("subscription.scopes.unknown", "names a scope the API does not define; see the API's scopes");
    public static readonly RegistryMessage SubscriptionCannotMove = new("subscription.cannotMove", "A subscription in state {status} cannot move to {target}; allowed next states: {next}.");
    public static readonly RegistryMessage PlanUnknown = new("subscription.plan.unknown", "names no plan; list them with GET /admin/v1/plans");
    public static readonly RegistryMessage PlanAdministratorOnly = new("subscription.plan.administratorOnly", "'{plan}' is attached only by an administrator's decision: PUT /admin/v1/subscriptions/{{id}}/plan with administratorDecision true");
    public static readonly RegistryMessage PlanTaken = new("plan.taken", "A plan named '{name}' already exists; change it with PUT instead.");
    public static readonly RegistryMessage PlanBronzeKept = new("plan.bronzeKept", "Bronze is the plan of every subscription that names none; it cannot be deleted (change its limits with PUT instead).");
    public static readonly RegistryMessage PlanInUse = new("plan.inUse", "{count} subscription(s) are on plan '{name}'; move them to another plan first (PUT /admin/v1/subscriptions/{{id}}/plan).");
    public static readonly RegistryMessage PlanOffered = new("plan.offered", "Plan '{name}' is offered by {count} API(s) in the portal ({apis}); take it out of their offered plans first.");
    public static readonly RegistryMessage TokenIdLength = new("token.tokenId.length", "must be 1 to 128 characters");
    public static readonly RegistryMessage SubscriptionTaken = new("subscription.taken", "Client application '{clientId}' already has a subscription to this API; change its status instead.");
}
