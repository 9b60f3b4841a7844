using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit.Keys;

namespace SpbeConnector.Audit.Records;

/// <summary>
/// Replaces sensitive values in a request's path and query by their keyed hash before it is stored (Pasal 59 ayat (9)
/// huruf c: no exempt information in logs): path segments matching the configured pattern (NIK-like numbers by
/// default), query parameters with configured names, and any value a policy marked sensitive from the API's document.
/// The HMAC (<c>hmac:</c> + base64url of HMAC-SHA256 under the log's own key) still lets the security team find every
/// exchange about one value, without the log revealing it.
/// </summary>
public sealed class SensitiveValueRedactor
{
    public const string Prefix = "hmac:";
    private readonly byte[] _key;
    private readonly Regex _segmentPattern;
    private readonly HashSet<string> _queryNames;

    public SensitiveValueRedactor(AuditKeys keys, IOptions<AuditOptions> options)
    {
        _key = keys.ParameterHmacKey;
        _segmentPattern = new Regex(options.Value.SensitivePathSegmentPattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));
        _queryNames = new HashSet<string>(options.Value.SensitiveQueryParameters, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The pseudonym stored in place of <paramref name="value"/>.</summary>
    public string Pseudonym(string value) => Prefix + Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));

    public string Redact(PathString path, QueryString query, IReadOnlyList<string> marked)
    {
        var pathValue = path.Value ?? "";
        var queryValue = query.Value ?? "";
        if (!NeedsRedaction(pathValue, queryValue, marked))
            return queryValue.Length == 0 ? pathValue : pathValue + queryValue;

        var result = new StringBuilder(pathValue.Length + queryValue.Length + 64);
        var segments = pathValue.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
                result.Append('/');
            var decoded = Uri.UnescapeDataString(segments[i]);
            result.Append(IsSensitiveSegment(decoded, marked) ? Pseudonym(decoded) : segments[i]);
        }
        if (queryValue.Length > 1)
        {
            var first = true;
            foreach (var pair in queryValue[1..].Split('&'))
            {
                result.Append(first ? '?' : '&');
                first = false;
                var eq = pair.IndexOf('=');
                var name = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                if (eq >= 0 && value.Length > 0 && (_queryNames.Contains(Uri.UnescapeDataString(name)) || marked.Contains(value) || _segmentPattern.IsMatch(value)))
                    result.Append(name).Append('=').Append(Pseudonym(value));
                else
                    result.Append(pair);
            }
        }
        return result.ToString();
    }

    private bool NeedsRedaction(string path, string query, IReadOnlyList<string> marked)
    {
        if (marked.Count > 0)
            return true;
        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan()[range];
            if (segment.Length > 0 && (segment.Contains('%') || _segmentPattern.IsMatch(segment)))
                return true;
        }
        return query.Length > 1;
    }

    private bool IsSensitiveSegment(string segment, IReadOnlyList<string> marked) =>
        segment.Length > 0 && (_segmentPattern.IsMatch(segment) || marked.Contains(segment));
}
