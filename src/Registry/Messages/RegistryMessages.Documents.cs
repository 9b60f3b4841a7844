namespace SpbeConnector.Registry.Messages;

public static partial class RegistryMessages
{
    // Plans and per-operation limits.
    public static readonly RegistryMessage PlanNameFormat = new("plan.name.format", "must be 1 to 64 letters, digits, dots, hyphens or underscores, such as Gold or opd-internal");
    public static readonly RegistryMessage PlanLimitRange = new("plan.limit.range", "must be between 1 and {max}, or null for no limit");
    public static readonly RegistryMessage PlanBelowPerSecond = new("plan.order.perSecond", "must not be lower than requestsPerSecond ({value})");
    public static readonly RegistryMessage PlanBelowPerMinute = new("plan.order.perMinute", "must not be lower than the per-minute or per-second limit ({value})");
    public static readonly RegistryMessage PlanBelowDaily = new("plan.order.daily", "must not be lower than the daily quota or shorter limits ({value})");
    public static readonly RegistryMessage OperationLimitsList = new("plan.operationLimits.list", "must be a list of operation limits (an empty list removes them all)");
    public static readonly RegistryMessage OperationLimitsTooMany = new("plan.operationLimits.tooMany", "at most {max} operation limits per API");
    public static readonly RegistryMessage OperationLimitRequired = new("plan.operationLimit.required", "must be an operation limit");
    public static readonly RegistryMessage OperationLimitMethod = new("plan.operationLimit.method", "must be GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or * (upper case)");
    public static readonly RegistryMessage OperationLimitPath = new("plan.operationLimit.pathTemplate", "must start with / and name path segments relative to the API's base path, {{name}} standing for one segment, such as /penduduk/{{nik}}");
    public static readonly RegistryMessage OperationLimitRepeated = new("plan.operationLimit.repeated", "repeats an operation already listed");

    // An API's registration profile and its assessment.
    public static readonly RegistryMessage ProfileOwnerContact = new("profile.ownerContact", "is required (at most {max} characters): who answers for the API (name, e-mail or telephone)");
    public static readonly RegistryMessage ProfilePseNumber = new("profile.pseRegistrationNumber", "is required (at most {max} characters): the Penyelenggara Sistem Elektronik registration number");
    public static readonly RegistryMessage ProfileSlaRequired = new("profile.slaTargetPercent.required", "is required: the availability the OPD promises, in percent (at least 95)");
    public static readonly RegistryMessage ProfilePlansCount = new("profile.plans.count", "must name 1 to {max} of the registry's plans open to subscribers");
    public static readonly RegistryMessage ProfilePlanNotOpen = new("profile.plans.notOpen", "'{plan}' is not a plan open to subscribers; the registry's are: {plans}");
    public static readonly RegistryMessage ProfileTags = new("profile.tags", "must be at most {max} non-empty tags of at most {length} characters");
    public static readonly RegistryMessage RiskLevelValue = new("dossier.riskLevel", "must be one of VeryLow, Low, Medium, High, VeryHigh (Level Risiko SPBE, Pasal 41)");
    public static readonly RegistryMessage ApplicationKindValue = new("dossier.applicationKind", "must be General (Aplikasi Umum) or Special (Aplikasi Khusus)");

    // Standing rules (issue 18) and validation waivers.
    public static readonly RegistryMessage StandingNeverPublic = new("standing.neverPublic", "must be false: an API of {classification} information is never public; it is served only to certificate-bound tokens (Pasal 59 ayat (6) huruf d, Pasal 60 ayat (3) huruf i)");
    public static readonly RegistryMessage StandingWaiverExpired = new("standing.document.waiverExpired", "is missing and the validation waiver expired at {expiredAt}: an API of {classification} information needs an OpenAPI document (request validation, Pasal 60 ayat (3) huruf g, ayat (5) huruf c), or a new waiver recorded by a security reviewer");
    public static readonly RegistryMessage StandingDocumentMissing = new("standing.document.missing", "is missing: an API of {classification} information needs an OpenAPI document (request validation, Pasal 60 ayat (3) huruf g, ayat (5) huruf c), or a validation waiver recorded by a security reviewer (PUT /admin/v1/apis/{{id}}/validation-waiver)");
    public static readonly RegistryMessage SlaTargetRange = new("standing.slaTarget.range", "must be between {min} and 100 percent: the regulation sets a {min}% minimum (Pasal 60 ayat (3) huruf m)");
    public static readonly RegistryMessage WaiverReason = new("waiver.reason", "must be 1 to 1000 characters saying why the API may go without an OpenAPI document for now");
    public static readonly RegistryMessage WaiverExpiresAt = new("waiver.expiresAt", "must be a date and time after now and at most {days} days ahead");

    // The OpenAPI reader: where in the document ({at}: a JSON pointer, or a line and column) and what.
    public static readonly RegistryMessage DocumentEmpty = new("openapi.empty", "the document is empty");
    public static readonly RegistryMessage DocumentTooLarge = new("openapi.tooLarge", "the document is larger than {max} MiB");
    public static readonly RegistryMessage DocumentNotJson = new("openapi.notJson", "line {line}, position {position}: the text is not well-formed JSON");
    public static readonly RegistryMessage DocumentDuplicateProperty = new("openapi.duplicateProperty", "line {line}, position {position}: the text is not well-formed JSON (a property appears twice in the same object)");
    public static readonly RegistryMessage YamlUnreadable = new("openapi.yaml.unreadable", "line {line}, column {column}: the YAML cannot be read");
    public static readonly RegistryMessage YamlDuplicateKey = new("openapi.yaml.duplicateKey", "line {line}, column {column}: the YAML cannot be read (Duplicate key: a key appears twice in the same mapping)");
    public static readonly RegistryMessage YamlUnreadableUnplaced = new("openapi.yaml.unreadableUnplaced", "the YAML cannot be read (a bracket or brace is not closed?)");
    public static readonly RegistryMessage YamlManyDocuments = new("openapi.yaml.manyDocuments", "the text holds {count} YAML documents; exactly one is expected");
    public static readonly RegistryMessage YamlTooDeep = new("openapi.yaml.tooDeep", "line {line}, column {column}: nesting deeper than {max} levels (or a recursive alias) is not accepted");
    public static readonly RegistryMessage YamlTooLarge = new("openapi.yaml.tooLarge", "line {line}, column {column}: the document expands to more than the gateway accepts (too many nodes or aliases)");
    public static readonly RegistryMessage YamlKeyNotScalar = new("openapi.yaml.keyNotScalar", "line {line}, column {column}: a mapping key must be a plain scalar");
    public static readonly RegistryMessage YamlUnresolvedAlias = new("openapi.yaml.unresolvedAlias", "line {line}, column {column}: an unresolved alias");
    public static readonly RegistryMessage YamlNotJsonNumber = new("openapi.yaml.notJsonNumber", "line {line}, column {column}: infinities and NaN cannot be written in JSON");
    public static readonly RegistryMessage DocumentNotObject = new("openapi.notObject", "the document must be a JSON or YAML object");
    public static readonly RegistryMessage DocumentSwagger2 = new("openapi.swagger2", "{at}: Swagger 2.0 documents are not accepted; convert the document to OpenAPI 3.0 or 3.1");
    public static readonly RegistryMessage DocumentVersion = new("openapi.version", "{at}: must be a string naming OpenAPI 3.0.x or 3.1.x");
    public static readonly RegistryMessage DocumentObjectRequired = new("openapi.objectRequired", "{at}: is required and must be an object");
    public static readonly RegistryMessage DocumentStringRequired = new("openapi.stringRequired", "{at}: is required and must be a string");
    public static readonly RegistryMessage DocumentPathsRequired = new("openapi.paths.required", "{at}: is required and must be an object: the gateway lets through only the operations the document defines");
    public static readonly RegistryMessage DocumentPathSlash = new("openapi.path.slash", "{at}: a path must start with '/'");
    public static readonly RegistryMessage DocumentPathEquivalent = new("openapi.path.equivalent", "{at}: is equivalent to the templated path {other}; OpenAPI forbids two paths that differ only in variable names");
    public static readonly RegistryMessage DocumentPathItemObject = new("openapi.pathItem.object", "{at}: a path item must be an object");
    public static readonly RegistryMessage DocumentNoOperation = new("openapi.paths.noOperation", "{at}: defines no operation; the gateway lets through only the operations the document defines");
    public static readonly RegistryMessage DocumentOperationObject = new("openapi.operation.object", "{at}: an operation must be an object");
    public static readonly RegistryMessage DocumentNoResponse = new("openapi.operation.noResponse", "{at}: an operation must define at least one response");
    public static readonly RegistryMessage DocumentArray = new("openapi.array", "{at}: must be an array");
    public static readonly RegistryMessage DocumentParameterObject = new("openapi.parameter.object", "{at}: a parameter must be an object");
    public static readonly RegistryMessage DocumentRequired = new("openapi.required", "{at}: is required");
    public static readonly RegistryMessage DocumentParameterLocation = new("openapi.parameter.in", "{at}: must be query, header, path or cookie");
    public static readonly RegistryMessage DocumentParameterTwice = new("openapi.parameter.twice", "{at}: declares the {location} parameter '{name}' a second time");
    public static readonly RegistryMessage DocumentParameterSchema = new("openapi.parameter.schema", "{at}: a parameter must have exactly one of schema and content");
    public static readonly RegistryMessage DocumentPathParameterRequired = new("openapi.pathParameter.required", "{at}: a path parameter must be required: true");
    public static readonly RegistryMessage DocumentPathParameterUnused = new("openapi.pathParameter.unused", "{at}: the path parameter '{name}' does not appear in the path template");
    public static readonly RegistryMessage DocumentPathVariableUndeclared = new("openapi.pathVariable.undeclared", "{at}: the path template variable '{name}' has no path parameter");
    public static readonly RegistryMessage DocumentBodyMediaType = new("openapi.requestBody.mediaType", "{at}: a request body must name at least one media type");
    public static readonly RegistryMessage DocumentBracesNested = new("openapi.template.nestedBraces", "{at}: has unbalanced or nested braces");
    public static readonly RegistryMessage DocumentBracesUnbalanced = new("openapi.template.unbalancedBraces", "{at}: has unbalanced braces");
    public static readonly RegistryMessage DocumentVariableEmpty = new("openapi.template.emptyVariable", "{at}: has an empty template variable {{}}");
    public static readonly RegistryMessage DocumentVariableTwice = new("openapi.template.variableTwice", "{at}: uses the template variable '{name}' twice");
    public static readonly RegistryMessage DocumentExternalReference = new("openapi.reference.external", "{at}: external references are not supported; bundle the document into one file");
    public static readonly RegistryMessage DocumentDanglingReference = new("openapi.reference.dangling", "{at}: the reference {target} points at nothing in the document");
    public static readonly RegistryMessage DocumentSecurityScope = new("openapi.securityScope", "{at}: the scope '{scope}' must be 1 to 100 letters, digits or . _ : / -, starting with a letter or digit");
}
