using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Catalog;

/// <summary>The Level Risiko SPBE and the general/special flag a reviewer records for an API (both required).</summary>
public sealed record ApiRiskInput(SpbeRiskLevel? RiskLevel, ApplicationKind? ApplicationKind);
