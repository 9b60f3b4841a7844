using System.Globalization;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// One member of a <c>Signature-Input</c> field (RFC 9421 section 4.1, an RFC 8941 dictionary): its label, the covered
/// components with their parameters, the signature parameters, and the member's value exactly as sent, which is the
/// value of the <c>@signature-params</c> line of the signature base.
/// </summary>
public sealed record SignatureInput(string Label, IReadOnlyList<SignatureInput.Component> Components, IReadOnlyDictionary<string, string> Parameters, string SerializedValue)
{
    /// <summary>A covered component: its name and its parameters (<c>req</c>, <c>tr</c>, ...).</summary>
    public sealed record Component(string Name, IReadOnlyList<string> Flags)
    {
        /// <summary>The component identifier as serialised in the signature base, e.g. <c>"@method";req</c>.</summary>
        public string Identifier => "\"" + Name + "\"" + string.Concat(Flags.Select(f => ";" + f));
    }

    public long? Created => Parameters.TryGetValue("created", out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;

    public string? KeyId => Parameters.GetValueOrDefault("keyid");

    public string? Algorithm => Parameters.GetValueOrDefault("alg");

    /// <summary>Parses every member of a Signature-Input field value. Throws <see cref="FormatException"/> when malformed.</summary>
    public static IReadOnlyList<SignatureInput> ParseAll(string field)
    {
        var result = new List<SignatureInput>();
        var i = 0;
        while (true)
        {
            SkipSpaces(field, ref i);
            if (i >= field.Length)
                return result;
            var labelStart = i;
            while (i < field.Length && field[i] != '=')
                i++;
            var label = field[labelStart..i].Trim();
            Expect(field, ref i, '=');
            var valueStart = i;
            Expect(field, ref i, '(');
            var components = new List<Component>();
            while (true)
            {
                SkipSpaces(field, ref i);
                if (i < field.Length && field[i] == ')')
                {
                    i++;
                    break;
                }
                var name = ReadQuoted(field, ref i);
                var flags = new List<string>();
                while (i < field.Length && field[i] == ';')
                {
                    i++;
                    var (key, value) = ReadParameter(field, ref i);
                    flags.Add(value is null ? key : $"{key}={value}");
                }
                components.Add(new Component(name, flags));
            }
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            while (i < field.Length && field[i] == ';')
            {
                i++;
                var (key, value) = ReadParameter(field, ref i);
                parameters[key] = value is null ? "?1" : value.Trim('"');
            }
            result.Add(new SignatureInput(label, components, parameters, field[valueStart..i]));
            SkipSpaces(field, ref i);
            if (i < field.Length)
                Expect(field, ref i, ',');
        }
    }

    /// <summary>Reads <c>label=:base64:</c> members of a Signature field into label → signature bytes.</summary>
    public static IReadOnlyDictionary<string, byte[]> ParseSignatures(string field)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var member in field.Split(','))
        {
            var eq = member.IndexOf('=');
            if (eq < 0)
                throw new FormatException("A Signature member has no value.");
            var value = member[(eq + 1)..].Trim();
            if (value.Length < 2 || value[0] != ':' || value[^1] != ':')
                throw new FormatException("A Signature value is not a byte sequence.");
            result[member[..eq].Trim()] = Convert.FromBase64String(value[1..^1]);
        }
        return result;
    }

    private static (string Key, string? Value) ReadParameter(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '_' or '.' or '*'))
            i++;
        var key = s[start..i];
        if (key.Length == 0)
            throw new FormatException("An empty parameter name.");
        if (i >= s.Length || s[i] != '=')
            return (key, null);
        i++;
        if (i < s.Length && s[i] == '"')
        {
            var quotedStart = i;
            ReadQuoted(s, ref i);
            return (key, s[quotedStart..i]);
        }
        var valueStart = i;
        while (i < s.Length && s[i] is not (';' or ',' or ' ' or ')'))
            i++;
        return (key, s[valueStart..i]);
    }

    private static string ReadQuoted(string s, ref int i)
    {
        Expect(s, ref i, '"');
        var start = i;
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\')
                i++;
            i++;
        }
        var value = s[start..Math.Min(i, s.Length)];
        Expect(s, ref i, '"');
        return value;
    }

    private static void Expect(string s, ref int i, char c)
    {
        if (i >= s.Length || s[i] != c)
            throw new FormatException($"Expected '{c}' at position {i} of the signature field.");
        i++;
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && s[i] == ' ')
            i++;
    }
}
