using System.Net;
using Microsoft.Extensions.Configuration;
using SpbeConnector.Gateway.TrustedProxies;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.TrustedProxies;

/// <summary>Gateway:TrustedProxies and Gateway:ForwardedClientCertificateHeader: what they accept, and what stops the start.</summary>
public class TrustedProxySettingsTests
{
    private static TrustedProxySettings Read(params (string Key, string Value)[] settings) =>
        TrustedProxySettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void Networks_come_from_a_json_array_or_one_comma_separated_value_and_single_addresses_are_host_networks()
    {
        var fromArray = Read(("Gateway:TrustedProxies:0", "10.0.0.0/24"), ("Gateway:TrustedProxies:1", "192.0.2.7"));
        var fromEnvironment = Read(("Gateway:TrustedProxies", "10.0.0.0/24, 192.0.2.7,2001:db8::/32"));

        Assert.True(fromArray.Networks.Contains(IPAddress.Parse("10.0.0.200")));
        Assert.True(fromArray.Networks.Contains(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.False(fromArray.Networks.Contains(IPAddress.Parse("192.0.2.8")));
        Assert.False(fromArray.Networks.Contains(IPAddress.Loopback));
        Assert.True(fromEnvironment.Networks.Contains(IPAddress.Parse("2001:db8::1")));
        Assert.Equal(3, fromEnvironment.Networks.Networks.Count);
        Assert.True(Read().Networks.IsEmpty);
        Assert.False(Read().Networks.Contains(IPAddress.Loopback));
    }

    [Theory]
    [InlineData("0.0.0.0/0", "trusts every address")]
    [InlineData("::/0", "trusts every address")]
    [InlineData("10.0.0.0/33", "neither a network")]
    [InlineData("penyeimbang.local", "neither a network")]
    public void A_network_that_is_not_one_or_trusts_everyone_stops_the_start_naming_it(string entry, string because)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Gateway:TrustedProxies", entry)));
        Assert.Contains(entry, error.Message);
        Assert.Contains(because, error.Message);
    }

    [Fact]
    public void A_certificate_header_needs_trusted_proxies_and_a_header_name()
    {
        var alone = Assert.Throws<InvalidOperationException>(() => Read(("Gateway:ForwardedClientCertificateHeader", "X-Client-Certificate")));
        Assert.Contains("Gateway:TrustedProxies is empty", alone.Message);
        var invalid = Assert.Throws<InvalidOperationException>(() => Read(("Gateway:TrustedProxies", "10.0.0.5"), ("Gateway:ForwardedClientCertificateHeader", "X Client")));
        Assert.Contains("not a header name", invalid.Message);
        Assert.Equal("X-Client-Certificate", Read(("Gateway:TrustedProxies", "10.0.0.5"), ("Gateway:ForwardedClientCertificateHeader", "X-Client-Certificate")).ClientCertificateHeader);
    }

    [Fact]
    public void A_forwarded_certificate_is_read_as_nginx_escaped_pem_or_as_haproxy_base64_der()
    {
        using var certificate = TestCertificates.CreateClientCertificate("aplikasi");
        var pem = TestCertificates.Pem(certificate);

        Assert.Equal(certificate.Thumbprint, ForwardedClientCertificate.Parse(Uri.EscapeDataString(pem)).Thumbprint);
        Assert.Equal(certificate.Thumbprint, ForwardedClientCertificate.Parse(Convert.ToBase64String(certificate.RawData)).Thumbprint);
        Assert.ThrowsAny<Exception>(() => ForwardedClientCertificate.Parse("bukan-sertifikat"));
    }
}
