namespace SpbeConnector.Registry.Catalog;

public static partial class RegistryRules
{
    /// <summary>Both the Level Risiko SPBE and the general/special flag are given (an assessment is recorded whole).</summary>
    public static Dictionary<string, string[]> Check(ApiRiskInput input)
    {
        var errors = new ErrorList();
        if (input.RiskLevel is not { } level || !Enum.IsDefined(level))
            errors.Add("riskLevel", "must be one of VeryLow, Low, Medium, High, VeryHigh (Level Risiko SPBE, Pasal 41)");
        if (input.ApplicationKind is not { } kind || !Enum.IsDefined(kind))
            errors.Add("applicationKind", "must be General (Aplikasi Umum) or Special (Aplikasi Khusus)");
        return errors.ToDictionary();
    }
}
