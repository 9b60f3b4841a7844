namespace SpbeConnector.Registry.Domain;

/// <summary>
/// Security classification of the information an API carries (CLS-01..03 in the requirements).
/// <see cref="Exempt"/> is "informasi yang dikecualikan" (Pasal 59 ayat (6) huruf d, ayat (9) huruf c, ayat (10)):
/// it drives stricter token checks and keeps the information out of logs.
/// </summary>
public enum InformationClassification
{
    /// <summary>Terbuka: public information.</summary>
    Public,
    /// <summary>Terbatas: for government use.</summary>
    Restricted,
    /// <summary>Dikecualikan: exempt from public disclosure.</summary>
    Exempt,
    /// <summary>Rahasia: secret.</summary>
    Secret,
}
