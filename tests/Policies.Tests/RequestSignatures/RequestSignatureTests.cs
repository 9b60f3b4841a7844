using System.Net;
using System.Security.Cryptography;
using System.Text;
using SpbeConnector.Policies.Tests.Audit;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Policies.Tests.RequestSignatures;

/// <summary>
/// Proof of origin (Tunggal Pasal 1 angka 25): a client signs its request with RFC 9421; the gateway verifies it with
/// the client's registered key, keeps the signature in the audit record, and refuses (never forwards) a request whose
/// signature is missing where required, invalid, stale, or whose body is not the one signed.
/// </summary>
public class RequestSignatureTests : IAsyncLifetime
{
    private const string KeyId = "app-dinkes-2026";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private StubUpstream _upstream = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await StubUpstream.StartAsync();
        _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            // The refusal's receipt asserted below is the RFC 9421 one (batched receipts: Gateway.Tests BatchedReceiptTests).
            ["Audit:Receipts:Mode"] = "PerResponse",
            [$"RequestSignatures:Keys:{KeyId}:ClientId"] = "app-dinkes",
            [$"RequestSignatures:Keys:{KeyId}:PublicKey"] = _key.ExportSubjectPublicKeyInfoPem(),
            ["RequestSignatures:RequiredForApis:0"] = "dinkes/rujukan/v1",
        });
        await _gateway.PublishPublicApiAsync("dinkes", "rujukan", "v1", [_upstream.BaseUrl]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task A_correctly_signed_request_is_forwarded_and_its_signature_is_kept_in_the_audit_record()
    {
        var response = await _gateway.Client.SendAsync(Signed(HttpMethod.Post, "/dinkes/rujukan/v1/pasien", "{\"rujukan\":1}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _upstream.Count);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var record = new AuditLogReader(_gateway.DataDirectory).ForRequest(id).First(r => r.Type == "exchange.request").Json;
        var signature = record.GetProperty("requestSignature");
        Assert.Equal(KeyId, signature.GetProperty("keyId").GetString());
        Assert.Equal("app-dinkes", signature.GetProperty("clientId").GetString());
        Assert.StartsWith("sig=:", signature.GetProperty("signature").GetString());
        Assert.Contains(record.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("policy").GetString() == "request-signature" && d.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_signature_made_for_another_target_is_refused_never_forwarded_and_the_refusal_recorded()
    {
        var request = Signed(HttpMethod.Post, "/dinkes/rujukan/v1/pasien/1", "{\"rujukan\":1}");
        request.RequestUri = new Uri("/dinkes/rujukan/v1/pasien/2", UriKind.Relative);

        var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _upstream.Count);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var rows = await ExchangeAuditTests.EventuallyAsync(() => new AuditLogReader(_gateway.DataDirectory).ForRequest(id), r => r.Count == 1);
        Assert.Equal("exchange", rows[0].Type);
        Assert.Equal("request-signature", rows[0].RefusedBy);
        Assert.Equal("refused", rows[0].Json.GetProperty("outcome").GetString());
        var decisions = rows[0].Json.GetProperty("decisions");
        Assert.Equal("signature_invalid", decisions[decisions.GetArrayLength() - 1].GetProperty("reason").GetString());
        Assert.True(response.Headers.Contains("Signature")); // the refusal carries the gateway's receipt too
    }

    [Fact]
    public async Task An_unsigned_or_stale_request_to_an_api_that_requires_signatures_is_refused()
    {
        var unsigned = await _gateway.Client.GetAsync("/dinkes/rujukan/v1/pasien");
        var stale = await _gateway.Client.SendAsync(Signed(HttpMethod.Get, "/dinkes/rujukan/v1/pasien", null, DateTimeOffset.UtcNow.AddHours(-1)));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(0, _upstream.Count);
    }

    [Fact]
    public async Task A_body_other_than_the_one_whose_digest_was_signed_is_refused_before_forwarding()
    {
        var request = Signed(HttpMethod.Post, "/dinkes/rujukan/v1/pasien", "{\"rujukan\":1}");
        request.Content = new StringContent("{\"rujukan\":999}", Encoding.UTF8, "application/json");
        request.Content.Headers.Add("Content-Digest", ContentDigestOf("{\"rujukan\":1}"));

        var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _upstream.Count);
    }

    /// <summary>The client's side: an RFC 9421 signature over method, target URI and content digest, built from the RFC.</summary>
    private HttpRequestMessage Signed(HttpMethod method, string path, string? body, DateTimeOffset? created = null)
    {
        var target = new Uri(new Uri(_gateway.BaseUrl), path).AbsoluteUri;
        var request = new HttpRequestMessage(method, path);
        var components = "\"@method\" \"@target-uri\"";
        var lines = new StringBuilder($"\"@method\": {method.Method}\n\"@target-uri\": {target}\n");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            var digest = ContentDigestOf(body);
            request.Content.Headers.Add("Content-Digest", digest);
            components += " \"content-digest\"";
            lines.Append($"\"content-digest\": {digest}\n");
        }
        var parameters = $"({components});created={(created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds()};keyid=\"{KeyId}\";alg=\"ecdsa-p256-sha256\"";
        lines.Append($"\"@signature-params\": {parameters}");
        var signature = _key.SignData(Encoding.UTF8.GetBytes(lines.ToString()), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        request.Headers.Add("Signature-Input", $"sig={parameters}");
        request.Headers.Add("Signature", $"sig=:{Convert.ToBase64String(signature)}:");
        return request;
    }

    private static string ContentDigestOf(string body) => $"sha-256=:{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}:";
}
