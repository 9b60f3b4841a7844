namespace SpbeConnector.Portal.Onboarding;

/// <summary>
/// The interoperability conformance rules (Kabupaten Bekasi Pasal 15 ayat (2) huruf b; Kota Bekasi Pasal 22 ayat (3)
/// huruf b) with their default weight; a region changes a weight with <c>Portal:ConformanceRules:{Rule}</c>.
/// </summary>
public static class ConformanceRules
{
    /// <summary>The API's version is a path segment such as <c>v1</c>, so that versions can live side by side.</summary>
    public const string VersionedBasePath = "VersionedBasePath";
    /// <summary>Every hop is encrypted (Pasal 59 ayat (11) huruf a).</summary>
    public const string HttpsUpstream = "HttpsUpstream";
    public const string OperationId = "OperationId";
    public const string OperationSummary = "OperationSummary";
    /// <summary>Responses with a body say what the body is, so the gateway can validate it and callers can rely on it.</summary>
    public const string ResponseSchemas = "ResponseSchemas";
    /// <summary>Every operation requires authentication (Pasal 60 ayat (3) huruf d).</summary>
    public const string SecurityRequirement = "SecurityRequirement";
    /// <summary>Errors are RFC 9457 problem details.</summary>
    public const string ProblemJsonErrors = "ProblemJsonErrors";
    public const string JsonContentTypes = "JsonContentTypes";

    public static readonly IReadOnlyDictionary<string, ConformanceSeverity> Defaults = new Dictionary<string, ConformanceSeverity>
    {
        [VersionedBasePath] = ConformanceSeverity.Error,
        [HttpsUpstream] = ConformanceSeverity.Error,
        [OperationId] = ConformanceSeverity.Error,
        [OperationSummary] = ConformanceSeverity.Warning,
        [ResponseSchemas] = ConformanceSeverity.Error,
        [SecurityRequirement] = ConformanceSeverity.Error,
        [ProblemJsonErrors] = ConformanceSeverity.Warning,
        [JsonContentTypes] = ConformanceSeverity.Warning,
    };

    public static ConformanceSeverity SeverityOf(string rule, PortalOptions options) =>
        options.ConformanceRules.TryGetValue(rule, out var configured) ? configured : Defaults[rule];
}
