using System.Globalization;
using System.Text.RegularExpressions;

namespace SpbeConnector.Registry.Messages;

/// <summary>
/// One message of the registry: a stable id that the portal and admin API clients translate from, and the English
/// template the admin API answers with. Arguments are named in the template as <c>{name}</c>.
/// </summary>
public sealed partial record RegistryMessage(string Id, string English)
{
    /// <summary>An argument <c>{name}</c>, or a doubled brace standing for a brace of the text itself.</summary>
    [GeneratedRegex(@"\{\{|\}\}|\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>The names of the template's arguments, in order of first use.</summary>
    public IReadOnlyList<string> ArgumentNames { get; } = ArgumentsOf(English);

    /// <summary>The argument names of any template written this way (also the portal's translations of it).</summary>
    public static IReadOnlyList<string> ArgumentsOf(string template) =>
        Placeholder().Matches(template).Where(m => m.Groups[1].Success).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A template filled with its arguments, each written by <paramref name="write"/> (numbers differ per language);
    /// an argument not given stays as its placeholder, so a mistake shows rather than disappears.
    /// </summary>
    public static string Fill(string template, IReadOnlyDictionary<string, object?> arguments, Func<object?, string> write) =>
        Placeholder().Replace(template, m => !m.Groups[1].Success ? m.Value[..1]
            : arguments.TryGetValue(m.Groups[1].Value, out var value) ? write(value) : m.Value);

    /// <summary>The English text, numbers written the invariant way (the admin API's wording).</summary>
    public string Format(IReadOnlyDictionary<string, object?> arguments) =>
        Fill(English, arguments, Invariant);

    private static string Invariant(object? value) => value switch
    {
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
