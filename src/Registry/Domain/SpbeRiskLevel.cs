namespace SpbeConnector.Registry.Domain;

/// <summary>
/// The Level Risiko SPBE measured for an application (003 Pasal 41 ayat (1)-(2)): it decides where an Aplikasi Khusus
/// must be hosted (Pasal 42: very high or high in the city's Pusat Data) and is attached to the request for development
/// (Pasal 44). Recorded per API for the security reviewers' dossier; null until assessed.
/// </summary>
public enum SpbeRiskLevel
{
    /// <summary>Sangat rendah.</summary>
    VeryLow,
    /// <summary>Rendah.</summary>
    Low,
    /// <summary>Sedang.</summary>
    Medium,
    /// <summary>Tinggi.</summary>
    High,
    /// <summary>Sangat tinggi.</summary>
    VeryHigh,
}
