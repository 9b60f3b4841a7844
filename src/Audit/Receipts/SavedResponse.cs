using System.Globalization;
using System.Text;

namespace SpbeConnector.Audit.Receipts;

/// <summary>
/// A response as a client saved it (for example <c>curl -i</c>: status line, headers, blank line, body), for the
/// offline receipt check. Header names are case-insensitive; repeated fields are joined with ", " (RFC 9421 2.1).
/// </summary>
public sealed record SavedResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static SavedResponse Parse(byte[] saved)
    {
        // curl -i may print interim responses (100 Continue) first; the last header block is the final response.
        var offset = 0;
        while (true)
        {
            var end = IndexOf(saved, "\r\n\r\n"u8, offset, out var separator);
            if (end < 0)
                throw new FormatException("The saved response has no blank line after its headers.");
            var head = Encoding.ASCII.GetString(saved, offset, end - offset);
            var statusLine = head.Split('\n')[0].Trim();
            var status = ParseStatus(statusLine);
            offset = end + separator;
            if (status >= 200 || offset >= saved.Length)
                return FromParts(head, saved[offset..]);
        }
    }

    public static SavedResponse FromParts(string head, byte[] body)
    {
        var lines = head.Replace("\r\n", "\n").Split('\n');
        var status = ParseStatus(lines[0].Trim());
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }
        return new SavedResponse(status, headers, body);
    }

    private static int ParseStatus(string statusLine)
    {
        var parts = statusLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw new FormatException($"'{statusLine}' is not an HTTP status line.");
        return status;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> crlf2, int from, out int length)
    {
        var span = data.AsSpan(from);
        var crlf = span.IndexOf(crlf2);
        var lf = span.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf <= lf))
        {
            length = 4;
            return from + crlf;
        }
        length = 2;
        return lf < 0 ? -1 : from + lf;
    }
}
