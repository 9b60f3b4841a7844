using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.TestSupport;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// Receipts for both parties (Tunggal Pasal 1 angka 25; Batu Bara Pasal 28 ayat (6)): with Audit:Receipts:Mode=PerResponse,
/// and for streamed responses in every mode, a response through the gateway carries Content-Digest (RFC 9530) and an
/// RFC 9421 signature by the gateway. They are checked here by an
/// independent implementation: the test rebuilds the signature base itself from the response, and Node's built-in
/// crypto verifies the signature with the key taken from the published JWKS.
/// </summary>
public class ReceiptTests
{
    private const string Body = "{\"nik\":\"3275010101900001\",\"nama\":\"Agus Santoso\"}";

    /// <summary>The RFC 9421 receipt of each response (batched receipts, the default, are in BatchedReceiptTests).</summary>
    internal static Dictionary<string, string?> PerResponse => new() { ["Audit:Receipts:Mode"] = "PerResponse" };

    [Fact]
    public async Task A_receipt_verifies_with_nodes_crypto_and_the_published_key_and_fails_for_any_other_status_body_or_target()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Body);
        };
        await using var gateway = await TestGateway.StartAsync(PerResponse);
        await gateway.PublishPublicApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        var target = new Uri(new Uri(gateway.BaseUrl), "/disdukcapil/kependudukan/v1/penduduk/3275010101900001?fields=nama");

        var response = await gateway.Client.GetAsync(target);
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = Fields(response.Headers, response.Content.Headers);

        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:", headers["content-digest"]);
        var input = headers["signature-input"];
        Assert.Matches("""^receipt=\("@status" "content-digest" "x-request-id" "spbe-audit-record" "@method";req "@target-uri";req\);created=\d+;keyid="[^"]+";alg="ecdsa-p256-sha256";tag="spbe-receipt"$""", input);
        var signatureBase = RebuildSignatureBase(input, 200, headers, "GET", target.AbsoluteUri);
        Assert.Contains("\"spbe-audit-record\": " + headers["spbe-audit-record"], signatureBase);
        var jwk = await ReceiptKeyAsync(gateway, input);
        var signature = headers["signature"];

        Assert.Equal("valid", await NodeVerifyAsync(jwk, signatureBase, signature, body, headers["content-digest"]));
        Assert.Equal("invalid-signature", await NodeVerifyAsync(jwk, signatureBase.Replace("\"@status\": 200", "\"@status\": 404"), signature, body, headers["content-digest"]));
        Assert.Equal("invalid-signature", await NodeVerifyAsync(jwk, signatureBase.Replace("fields=nama", "fields=alamat"), signature, body, headers["content-digest"]));
        Assert.Equal("invalid-digest", await NodeVerifyAsync(jwk, signatureBase, signature, Encoding.UTF8.GetBytes(Body.Replace("Agus", "Budi")), headers["content-digest"]));
    }

    [Fact]
    public async Task A_response_saved_with_curl_dash_i_verifies_offline_with_audit_verify_receipt_and_a_changed_body_does_not()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = context => context.Response.WriteAsync(Body);
        await using var gateway = await TestGateway.StartAsync(PerResponse);
        await gateway.PublishPublicApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        var target = gateway.BaseUrl + "/disdukcapil/kependudukan/v1/penduduk/3275010101900001";
        var jwks = Path.Combine(gateway.DataDirectory, "receipt-keys.json");
        await File.WriteAllTextAsync(jwks, await gateway.Client.GetStringAsync("/audit/v1/receipt-keys"));

        var saved = Path.Combine(gateway.DataDirectory, "response.http");
        var curl = await RunAsync("curl", $"-s -i --http1.1 --cacert {Path.Combine(gateway.DataDirectory, "tls", "gateway-dev.crt")} -o {saved} {target}");
        Assert.Equal(0, curl.Exit);

        var output = new StringWriter();
        var exit = await AuditCommandLine.RunAsync(["verify-receipt", "--response", saved, "--method", "GET", "--url", target, "--jwks", jwks], output, output);
        Assert.True(exit == AuditCommandLine.Verified, output.ToString());
        Assert.Contains("answered 200", output.ToString());

        await File.WriteAllTextAsync(saved, (await File.ReadAllTextAsync(saved)).Replace("Agus", "Budi"));
        var changed = new StringWriter();
        Assert.Equal(AuditCommandLine.VerificationFailed,
            await AuditCommandLine.RunAsync(["verify-receipt", "--response", saved, "--method", "GET", "--url", target, "--jwks", jwks], changed, changed));
        Assert.Contains("Content-Digest does not match", changed.ToString());
    }

    [Fact]
    public async Task A_large_response_over_http2_streams_and_its_receipt_follows_in_trailers()
    {
        var large = RandomNumberGenerator.GetBytes(300_000);
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = context => context.Response.Body.WriteAsync(large).AsTask();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:Receipts:MaxBufferedResponseBody"] = "65536" });
        await gateway.PublishPublicApiAsync("dinkes", "berkas", "v1", [upstream.BaseUrl]);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dinkes/berkas/v1/besar") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(large, body);
        Assert.False(response.Headers.Contains("Signature"));
        var trailers = response.TrailingHeaders.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value));
        var fields = Fields(response.Headers, response.Content.Headers);
        foreach (var (name, value) in trailers)
            fields[name] = value;
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(large))}:", trailers["content-digest"]);
        Assert.Contains("\"content-digest\";tr", trailers["signature-input"]);
        var signatureBase = RebuildSignatureBase(trailers["signature-input"], 200, fields, "GET", new Uri(new Uri(gateway.BaseUrl), "/dinkes/berkas/v1/besar").AbsoluteUri);
        var jwk = await ReceiptKeyAsync(gateway, trailers["signature-input"]);
        Assert.Equal("valid", await NodeVerifyAsync(jwk, signatureBase, trailers["signature"], body, trailers["content-digest"]));
    }

    [Fact]
    public async Task A_large_response_over_http1_streams_with_a_receipt_without_the_digest_which_the_completion_record_holds()
    {
        var large = RandomNumberGenerator.GetBytes(300_000);
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = context => context.Response.Body.WriteAsync(large).AsTask();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:Receipts:MaxBufferedResponseBody"] = "65536" });
        await gateway.PublishPublicApiAsync("dinkes", "berkas", "v1", [upstream.BaseUrl]);

        var response = await gateway.Client.GetAsync("/dinkes/berkas/v1/besar");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(large, body);
        var fields = Fields(response.Headers, response.Content.Headers);
        Assert.DoesNotContain("content-digest", fields["signature-input"]);
        var signatureBase = RebuildSignatureBase(fields["signature-input"], 200, fields, "GET", new Uri(new Uri(gateway.BaseUrl), "/dinkes/berkas/v1/besar").AbsoluteUri);
        Assert.Equal("valid", await NodeVerifyAsync(await ReceiptKeyAsync(gateway, fields["signature-input"]), signatureBase, fields["signature"], body, null));
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var log = new AuditLogReader(gateway.DataDirectory);
        await TestGateway.EventuallyAsync(() => Task.FromResult(log.ForRequest(id).Count == 2), TimeSpan.FromSeconds(10), "the completion record is written");
        var completion = log.ForRequest(id)[1].Json;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(large)), completion.GetProperty("responseBody").GetProperty("sha256").GetString());
        Assert.Equal("headers-without-digest", completion.GetProperty("receipt").GetString());
    }

    /// <summary>The test's own RFC 9421 section 2.5 signature base, written from the RFC, not from the gateway's code.</summary>
    private static string RebuildSignatureBase(string signatureInput, int status, IReadOnlyDictionary<string, string> fields, string method, string targetUri)
    {
        var match = Regex.Match(signatureInput, """^receipt=(?<list>\((?<components>[^)]*)\)(?<params>.*))$""");
        Assert.True(match.Success, signatureInput);
        var lines = new StringBuilder();
        foreach (Match component in Regex.Matches(match.Groups["components"].Value, "\"(?<name>[^\"]+)\"(?<flags>(;[a-z]+)*)"))
        {
            var name = component.Groups["name"].Value;
            var flags = component.Groups["flags"].Value;
            var value = (name, flags) switch
            {
                ("@status", "") => status.ToString(),
                ("@method", ";req") => method,
                ("@target-uri", ";req") => targetUri,
                _ => fields[name],
            };
            lines.Append('"').Append(name).Append('"').Append(flags).Append(": ").Append(value).Append('\n');
        }
        return lines.Append("\"@signature-params\": ").Append(match.Groups["list"].Value).ToString();
    }

    internal static Dictionary<string, string> Fields(params System.Net.Http.Headers.HttpHeaders[] sets)
    {
        var fields = new Dictionary<string, string>();
        foreach (var set in sets)
            foreach (var header in set)
                fields[header.Key.ToLowerInvariant()] = string.Join(", ", header.Value);
        return fields;
    }

    private static async Task<string> ReceiptKeyAsync(TestGateway gateway, string signatureInput)
    {
        var keyId = Regex.Match(signatureInput, "keyid=\"([^\"]+)\"").Groups[1].Value;
        var jwks = JsonDocument.Parse(await gateway.Client.GetStringAsync("/audit/v1/receipt-keys"));
        return jwks.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == keyId).GetRawText();
    }

    /// <summary>Node's crypto: ECDSA P-256 / SHA-256 over the base, raw r||s signature (RFC 9421 section 3.3.4), and the body's SHA-256.</summary>
    private static async Task<string> NodeVerifyAsync(string jwk, string signatureBase, string signatureField, byte[] body, string? contentDigest)
    {
        const string script = """
            const crypto = require('crypto');
            let input = '';
            process.stdin.on('data', d => input += d).on('end', () => {
              const p = JSON.parse(input);
              const key = crypto.createPublicKey({ key: JSON.parse(p.jwk), format: 'jwk' });
              const sig = Buffer.from(p.signature.match(/^receipt=:([^:]+):$/)[1], 'base64');
              const ok = crypto.verify('sha256', Buffer.from(p.base, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, sig);
              if (!ok) { console.log('invalid-signature'); return; }
              if (p.digest !== null) {
                const digest = 'sha-256=:' + crypto.createHash('sha256').update(Buffer.from(p.body, 'base64')).digest('base64') + ':';
                if (digest !== p.digest) { console.log('invalid-digest'); return; }
              }
              console.log('valid');
            });
            """;
        var input = JsonSerializer.Serialize(new { jwk, @base = signatureBase, signature = signatureField, body = Convert.ToBase64String(body), digest = contentDigest });
        var result = await RunAsync("node", "-e \"" + script.Replace("\"", "\\\"") + "\"", input);
        Assert.True(result.Exit == 0, result.Output);
        return result.Output.Trim();
    }

    internal static async Task<(int Exit, string Output)> RunAsync(string file, string arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        using var process = Process.Start(start)!;
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }
}
