using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// An API that breaks a standing rule (usually one stored before the rule existed), with what is missing, field by
/// field: <see cref="Problems"/> with message ids for the portal, <see cref="Missing"/> in English for the admin API.
/// </summary>
public sealed record ApiRuleViolation(Api Api, RegistryProblems Problems)
{
    public IReadOnlyDictionary<string, string[]> Missing { get; } = Problems.ToErrors();
}
