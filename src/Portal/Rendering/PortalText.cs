using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SpbeConnector.Registry.Messages;

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

    /// <summary>
    /// A registry problem in this language: its message's text <c>registry.{id}</c> filled with its arguments, numbers
    /// and dates written this language's way; a problem that is a portal text key is that key's text.
    /// </summary>
    public string Problem(RegistryProblem problem) =>
        problem.Message is { } message
            ? RegistryMessage.Fill(this[RegistryKey(message.Id)], problem.Arguments, Value)
            : this[problem.MessageId];

    /// <summary>The text key of a registry message.</summary>
    public static string RegistryKey(string messageId) => "registry." + messageId;

    /// <summary>Problems in this language by field, in the order found.</summary>
    public IReadOnlyDictionary<string, string[]> ByField(IEnumerable<RegistryProblem> problems) =>
        problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(Problem).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// One value in a message: numbers with this language's separators, times in WIB, a classification by its label,
    /// anything else (names, codes, paths the user typed) as it is.
    /// </summary>
    public string Value(object? value) => value switch
    {
        int or long => ((IFormattable)value).ToString("N0", Numbers),
        decimal or double or float => ((IFormattable)value).ToString("#,0.##", Numbers),
        DateTimeOffset time => IndonesianTime.Format(time, "WIB"),
        SpbeConnector.Registry.Domain.InformationClassification classification => this["classification." + classification],
        _ => value?.ToString() ?? "",
    };

    /// <summary>A percentage written this language's way: "2,94%" in Indonesian, "2.94%" in English.</summary>
    public string Percent(decimal percent) => percent.ToString("0.##", Numbers) + "%";

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
