using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>Checks of the string formats of OpenAPI / JSON Schema, without allocating.</summary>
internal static class StringFormats
{
    public static StringFormat Parse(string? format) => format switch
    {
        "date" => StringFormat.Date,
        "date-time" => StringFormat.DateTime,
        "email" => StringFormat.Email,
        "uuid" => StringFormat.Uuid,
        "uri" => StringFormat.Uri,
        "ipv4" => StringFormat.Ipv4,
        "ipv6" => StringFormat.Ipv6,
        "hostname" => StringFormat.Hostname,
        "byte" => StringFormat.Byte,
        _ => StringFormat.None,
    };

    public static string Name(StringFormat format) => format switch
    {
        StringFormat.Date => "date",
        StringFormat.DateTime => "date-time",
        StringFormat.Email => "email",
        StringFormat.Uuid => "uuid",
        StringFormat.Uri => "uri",
        StringFormat.Ipv4 => "ipv4",
        StringFormat.Ipv6 => "ipv6",
        StringFormat.Hostname => "hostname",
        StringFormat.Byte => "byte",
        _ => "",
    };

    public static bool IsValid(StringFormat format, ReadOnlySpan<char> value) => format switch
    {
        StringFormat.Date => IsFullDate(value),
        StringFormat.DateTime => IsDateTime(value),
        StringFormat.Email => IsEmail(value),
        StringFormat.Uuid => value.Length == 36 && Guid.TryParseExact(value, "D", out _),
        StringFormat.Uri => IsAbsoluteUri(value),
        StringFormat.Ipv4 => IsIpv4(value),
        StringFormat.Ipv6 => value.Contains(':') && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
        StringFormat.Hostname => IsHostname(value),
        StringFormat.Byte => Base64.IsValid(value),
        _ => true,
    };

    /// <summary>
    /// An absolute URI with its scheme written out. (On Unix, .NET would take "/relatif" for an absolute file URI.)
    /// </summary>
    private static bool IsAbsoluteUri(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > 8192 || !char.IsAsciiLetter(value[0]))
            return false;
        var text = value.ToString();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>RFC 3339 full-date: <c>YYYY-MM-DD</c>, a real calendar day.</summary>
    private static bool IsFullDate(ReadOnlySpan<char> value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>RFC 3339 date-time: full-date "T" time with seconds, optional fraction, and Z or a numeric offset.</summary>
    private static bool IsDateTime(ReadOnlySpan<char> value)
    {
        if (value.Length < 20 || value.Length > 40 || !IsFullDate(value[..10]) || (value[10] != 'T' && value[10] != 't'))
            return false;
        var time = value[11..];
        if (time.Length < 9 || time[2] != ':' || time[5] != ':' || !TwoDigits(time, 0, 23) || !TwoDigits(time, 3, 59) || !TwoDigits(time, 6, 60))
            return false;
        var rest = time[8..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
                digits++;
            if (digits == 1)
                return false;
            rest = rest[digits..];
        }
        if (rest is "Z" or "z")
            return true;
        return rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && TwoDigits(rest, 1, 23) && TwoDigits(rest, 4, 59);
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int at, int max) =>
        char.IsAsciiDigit(s[at]) && char.IsAsciiDigit(s[at + 1]) && (s[at] - '0') * 10 + (s[at + 1] - '0') <= max;

    /// <summary>
    /// An RFC 5321 mailbox in its common form: a dot-atom local part of at most 64 characters, <c>@</c>, and a
    /// host name. Quoted local parts and address literals are refused: nothing an OPD service needs, much an
    /// attacker could use.
    /// </summary>
    private static bool IsEmail(ReadOnlySpan<char> value)
    {
        if (value.Length > 254)
            return false;
        var at = value.LastIndexOf('@');
        if (at < 1 || at > 64)
            return false;
        var local = value[..at];
        if (local[0] == '.' || local[^1] == '.' || local.IndexOf("..") >= 0)
            return false;
        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c)))
                return false;
        }
        return IsHostname(value[(at + 1)..]);
    }

    /// <summary>RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, each at most 63 long.</summary>
    private static bool IsHostname(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > 253)
            return false;
        foreach (var range in value.Split('.'))
        {
            var label = value[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                    return false;
            }
        }
        return true;
    }

    /// <summary>Dotted-quad IPv4, four decimal octets without leading zeros.</summary>
    private static bool IsIpv4(ReadOnlySpan<char> value)
    {
        var parts = 0;
        foreach (var range in value.Split('.'))
        {
            var part = value[range];
            if (++parts > 4 || part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
                return false;
            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                    return false;
            }
            if (int.Parse(part, CultureInfo.InvariantCulture) > 255)
                return false;
        }
        return parts == 4;
    }
}
