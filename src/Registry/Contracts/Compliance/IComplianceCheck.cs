namespace SpbeConnector.Registry.Contracts.Compliance;

/// <summary>
/// The one contract through which each project reports on its own controls (the registry on OpenAPI coverage, the
/// policies on the audit mode, the gateway on its TLS set-up): the report names a check by <see cref="Name"/> in the
/// mapping (<c>compliance-map.json</c>) and asks it about the live settings and state, never a hard-coded answer.
/// </summary>
public interface IComplianceCheck
{
    /// <summary>The name the mapping uses, for example <c>audit-mode</c>.</summary>
    string Name { get; }

    Task<ComplianceFinding> EvaluateAsync(CancellationToken cancellationToken);
}
