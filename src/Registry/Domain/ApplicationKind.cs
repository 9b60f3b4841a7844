namespace SpbeConnector.Registry.Domain;

/// <summary>
/// Whether the application behind an API is an Aplikasi Umum (a standard application shared by government bodies,
/// Pasal 1 angka 20 of all five regulations) or an Aplikasi Khusus (built for one body's own needs, Pasal 1 angka 21):
/// the approver (Pasal 55 ayat (2)), the hosting (Pasal 42) and the duty to use an Aplikasi Umum where one exists
/// (000 Pasal 18 ayat (5), 003 Pasal 25 ayat (5)) depend on it.
/// </summary>
public enum ApplicationKind
{
    /// <summary>Aplikasi Umum.</summary>
    General,
    /// <summary>Aplikasi Khusus.</summary>
    Special,
}
