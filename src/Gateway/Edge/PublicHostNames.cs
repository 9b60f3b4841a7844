using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace SpbeConnector.Gateway.Edge;

/// <summary>
/// The host names under which clients reach this gateway (<c>Gateway:PublicHostNames</c>): those configured, or by
/// default the names of its TLS certificate and the loopback names (<c>localhost</c>, <c>127.0.0.1</c>,
/// <c>[::1]</c>). <c>*</c> accepts any host. A name of the form <c>*.example.go.id</c> matches one label in its place,
/// as in a certificate.
/// </summary>
public sealed class PublicHostNames
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _wildcardSuffixes = [];

    /// <param name="alsoServed">Names served whatever is configured: those of the management listener's URLs.</param>
    public PublicHostNames(IEnumerable<string> configured, X509Certificate2? certificate, IEnumerable<string>? alsoServed = null)
    {
        var names = Distinct(configured);
        if (names.Count == 0)
            names = Distinct([.. Loopback, .. CertificateNames(certificate)]);
        names = Distinct([.. names, .. alsoServed ?? []]);
        foreach (var name in names)
        {
            if (name == "*")
                AcceptsAny = true;
            else if (name.StartsWith("*.", StringComparison.Ordinal))
                _wildcardSuffixes.Add(name[1..]);
            else
                _exact.Add(name);
        }
        Names = names;
    }

    /// <summary>
    /// The names as configured (or defaulted), each once in the form the Host header writes it, for the start-up log and
    /// the refusal's hint: a certificate that names the loopback addresses too does not list them twice.
    /// </summary>
    public IReadOnlyList<string> Names { get; }

    public bool AcceptsAny { get; }

    /// <summary>Whether <paramref name="host"/> (the Host header's name, without port) is one of the public names.</summary>
    public bool Accepts(string host)
    {
        if (AcceptsAny)
            return true;
        if (host.Length == 0)
            return false;
        if (_exact.Contains(host))
            return true;
        foreach (var suffix in _wildcardSuffixes)
        {
            if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && host.AsSpan(0, host.Length - suffix.Length).IndexOf('.') < 0)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The non-blank names, trimmed and normalised, in their first order, each once (host names compare without regard
    /// to case, RFC 4343).
    /// </summary>
    private static List<string> Distinct(IEnumerable<string> names)
    {
        var distinct = new List<string>();
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
                continue;
            var normalized = Normalize(name.Trim());
            if (!distinct.Contains(normalized, StringComparer.OrdinalIgnoreCase))
                distinct.Add(normalized);
        }
        return distinct;
    }

    /// <summary>IPv6 addresses as the Host header writes them: in brackets.</summary>
    private static string Normalize(string name) =>
        IPAddress.TryParse(name.Trim('[', ']'), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : name;

    private static IEnumerable<string> CertificateNames(X509Certificate2? certificate)
    {
        if (certificate?.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is not { } names)
            return [];
        return names.EnumerateDnsNames().Concat(names.EnumerateIPAddresses().Select(ip => ip.ToString())).ToArray();
    }
}
