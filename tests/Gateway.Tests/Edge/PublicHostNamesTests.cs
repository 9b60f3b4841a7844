using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SpbeConnector.Gateway.Edge;

namespace SpbeConnector.Gateway.Tests.Edge;

/// <summary>
/// The names the gateway serves are listed each once, in the form the Host header writes them: the start-up line
/// "Serving the host names ..." must not repeat the loopback names when the certificate names them too.
/// </summary>
public class PublicHostNamesTests
{
    [Fact]
    public void Loopback_names_the_certificate_names_too_are_listed_once_and_IPv6_in_brackets()
    {
        using var certificate = Certificate("localhost", "gateway.bekasikota.go.id", IPAddress.Loopback, IPAddress.IPv6Loopback);

        var hosts = new PublicHostNames([], certificate);

        Assert.Equal(["localhost", "127.0.0.1", "[::1]", "gateway.bekasikota.go.id"], hosts.Names);
        Assert.True(hosts.Accepts("[::1]"));
        Assert.True(hosts.Accepts("GATEWAY.bekasikota.go.id"));
        Assert.False(hosts.Accepts("other.example"));
    }

    [Fact]
    public void Configured_and_management_names_are_trimmed_and_listed_once_whatever_their_case_or_brackets()
    {
        var hosts = new PublicHostNames([" api.bekasikota.go.id ", "API.bekasikota.go.id", "::1", "[::1]", "", "*.bekasikota.go.id", "*.bekasikota.go.id"], null,
            alsoServed: ["Api.Bekasikota.go.id", "admin.bekasikota.go.id"]);

        Assert.Equal(["api.bekasikota.go.id", "[::1]", "*.bekasikota.go.id", "admin.bekasikota.go.id"], hosts.Names);
        Assert.True(hosts.Accepts("admin.bekasikota.go.id"));
        Assert.True(hosts.Accepts("portal.bekasikota.go.id"));
        Assert.False(hosts.Accepts("a.b.bekasikota.go.id"));
    }

    private static X509Certificate2 Certificate(string dnsName, string otherDnsName, params IPAddress[] addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        foreach (var address in addresses)
            names.AddIpAddress(address);
        names.AddDnsName(otherDnsName);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
