using System.Text;
using System.Text.RegularExpressions;

namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>
/// A <c>pattern</c> of the document, compiled so that .NET means what ECMA-262 means (JSON Schema's dialect):
/// <c>\d</c> and <c>\w</c> are ASCII only (.NET would accept other scripts' digits), and <c>$</c> is the very end
/// of the input (.NET would accept a trailing newline, letting "1234567890123456\n" pass as a NIK). Patterns run
/// on the non-backtracking engine, in time linear in the input, so a hostile string cannot stall the gateway;
/// the few patterns that engine cannot run (lookarounds, backreferences) are refused at registration.
/// </summary>
internal static class SchemaPattern
{
    public static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Null when the pattern compiles, else why not.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            Compile(pattern);
            return null;
        }
        catch (NotSupportedException)
        {
            return "uses a construct (lookaround, backreference, atomic group) the gateway cannot evaluate in linear time; rewrite it without one";
        }
        catch (ArgumentException ex)
        {
            return "is not a valid regular expression (" + ex.Message.Split('\n')[0].Trim() + ")";
        }
    }

    internal static string Translate(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                result.Append(next switch
                {
                    'd' => inClass ? "0-9" : "[0-9]",
                    'D' when !inClass => "[^0-9]",
                    'w' => inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]",
                    'W' when !inClass => "[^a-zA-Z0-9_]",
                    _ => "\\" + next,
                });
                continue;
            }
            if (inClass)
            {
                if (c == ']')
                    inClass = false;
                result.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    result.Append(c);
                    // A ']' right after '[' or '[^' is a literal in both dialects.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                        result.Append(pattern[++i]);
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                        result.Append(pattern[++i]);
                    break;
                case '$':
                    result.Append(@"\z");
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }
}
