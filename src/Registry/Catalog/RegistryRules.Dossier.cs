using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

public static partial class RegistryRules
{
    /// <summary>Both the Level Risiko SPBE and the general/special flag are given (an assessment is recorded whole).</summary>
    public static RegistryProblems Check(ApiRiskInput input)
    {
        var errors = new RegistryProblems();
        if (input.RiskLevel is not { } level || !Enum.IsDefined(level))
            errors.Add("riskLevel", RegistryMessages.RiskLevelValue);
        if (input.ApplicationKind is not { } kind || !Enum.IsDefined(kind))
            errors.Add("applicationKind", RegistryMessages.ApplicationKindValue);
        return errors;
    }
}
