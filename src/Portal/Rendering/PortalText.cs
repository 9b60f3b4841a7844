using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// The portal's words in Bahasa Indonesia (the default) and English, from the resource files
/// <c>Portal/Resources/strings.{id,en}.json</c> and their part files. The language comes from a cookie the language switch sets.
/// A key without text is shown as itself, so a message from the catalog rules passes through unchanged.
/// </summary>
public sealed class PortalText
{
    public const string CookieName = "spbe-portal-lang";
    public const string DefaultLanguage = "id";
    public static readonly IReadOnlyList<string> Languages = ["id", "en"];

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        Languages.ToDictionary(l => l, Load);

    private readonly IReadOnlyDictionary<string, string> _strings;

    private PortalText(string language)
    {
        Language = language;
        _strings = All[language];
    }

    public string Language { get; }

    /// <summary>
    /// How numbers are written in this language: decimal comma and dot grouping in Indonesian. Built by hand because the
    /// product runs with invariant globalization (no ICU cultures to ask).
    /// </summary>
    public NumberFormatInfo Numbers => Language == "id" ? IndonesianNumbers : NumberFormatInfo.InvariantInfo;

    private static readonly NumberFormatInfo IndonesianNumbers = NumberFormatInfo.ReadOnly(new NumberFormatInfo
    {
        NumberDecimalSeparator = ",", NumberGroupSeparator = ".", PercentDecimalSeparator = ",", PercentGroupSeparator = ".",
    });

    public string this[string key] => _strings.TryGetValue(key, out var text) ? text : key;

    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    public static PortalText For(string? language) => new(language is not null && All.ContainsKey(language) ? language : DefaultLanguage);

    public static PortalText For(HttpContext http) => For(http.Request.Cookies[CookieName]);

    /// <summary>Every key of one language, for the test that both languages say everything.</summary>
    public static IReadOnlyCollection<string> KeysOf(string language) => All[language].Keys.ToArray();

    /// <summary>
    /// The texts of one language: <c>strings.{language}.json</c> and every part file <c>strings-{part}.{language}.json</c>
    /// (the pages of one area keep their words together); a key given twice is a build mistake, refused at start.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        const string prefix = "SpbeConnector.Portal.Resources.strings";
        var assembly = typeof(PortalText).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n == $"{prefix}.{language}.json" || (n.StartsWith(prefix + "-", StringComparison.Ordinal) && n.EndsWith($".{language}.json", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        if (!names.Contains($"{prefix}.{language}.json"))
            throw new InvalidOperationException($"The portal's resource {prefix}.{language}.json is missing from the build.");
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
            {
                if (!all.TryAdd(key, text))
                    throw new InvalidOperationException($"The portal's text '{key}' ({language}) is given twice; {name} repeats it. Keep one.");
            }
        }
        return all;
    }
}
