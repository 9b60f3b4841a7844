using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Catalog;

/// <summary>An API that breaks a standing rule (usually one stored before the rule existed), with what is missing, field by field.</summary>
public sealed record ApiRuleViolation(Api Api, IReadOnlyDictionary<string, string[]> Missing);
