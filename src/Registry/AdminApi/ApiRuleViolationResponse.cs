using SpbeConnector.Registry.Catalog;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.AdminApi;

/// <summary>One API that breaks a standing rule: which API, its state, and what is missing, field by field.</summary>
public sealed record ApiRuleViolationResponse(Guid Id, string OpdCode, string Name, string PublicPath, ApiStatus Status,
    InformationClassification Classification, IReadOnlyDictionary<string, string[]> Missing)
{
    public static ApiRuleViolationResponse From(ApiRuleViolation v) => new(
        v.Api.Id, v.Api.Opd?.Code ?? "", v.Api.Name, $"/{v.Api.Opd?.Code}/{v.Api.Slug}/{v.Api.Version}/", v.Api.Status, v.Api.Classification, v.Missing);
}
