using System.Formats.Cbor;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Audit.CommandLine;
using SpbeConnector.Audit.Receipts;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// Batched receipts, the default (Tunggal Pasal 1 angka 25: non-repudiation for both sides; Pasal 59 ayat (9) huruf e):
/// a response carries the RFC 9942 COSE receipt of its receipt record, an RFC 9162 inclusion proof under a tree head the
/// gateway signed once for every response waiting then. Checked by an independent implementation: the test decodes the
/// COSE receipt, rebuilds the tree head from the record and the path with its own RFC 9162 code, builds the COSE
/// Sig_structure itself, and Node's crypto verifies the gateway's signature with the key from the published JWKS.
/// </summary>
public class BatchedReceiptTests
{
    private const string Body = "{\"nik\":\"3275010101900001\",\"nama\":\"Agus Santoso\"}";

    [Fact]
    public async Task A_batched_receipt_verifies_with_nodes_crypto_over_the_tree_head_the_test_rebuilds_and_an_altered_proof_or_head_does_not()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Body);
        };
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        var target = new Uri(new Uri(gateway.BaseUrl), "/disdukcapil/kependudukan/v1/penduduk/3275010101900001?fields=nama");

        var response = await gateway.Client.GetAsync(target);
        var body = await response.Content.ReadAsByteArrayAsync();
        var fields = ReceiptTests.Fields(response.Headers, response.Content.Headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(fields.ContainsKey("signature"), "a batched receipt replaces the per-response signature");
        var receipt = Receipt.Parse(fields["spbe-receipt"]);

        // The record: what the client sees and checks against its own request and response.
        var entry = JsonDocument.Parse(receipt.Entry).RootElement;
        Assert.Equal("exchange.receipt", entry.GetProperty("type").GetString());
        Assert.Equal(receipt.LeafIndex, entry.GetProperty("seq").GetInt64());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:", entry.GetProperty("contentDigest").GetString());
        Assert.Equal(fields["content-digest"], entry.GetProperty("contentDigest").GetString());
        Assert.Equal(fields["x-request-id"], entry.GetProperty("requestId").GetString());
        Assert.Equal(long.Parse(fields["spbe-audit-record"]), entry.GetProperty("auditRecord").GetInt64());
        Assert.Equal(Convert.ToBase64String(HMACSHA256.HashData(receipt.RequestKey, Encoding.UTF8.GetBytes("GET " + target.AbsoluteUri))),
            entry.GetProperty("request").GetString());
        Assert.DoesNotContain("3275010101900001", Encoding.UTF8.GetString(receipt.Entry)); // the NIK in the URI is not in the log in clear

        // Durable before release: the record is in the store, byte for byte, when the response has arrived.
        var stored = new AuditLogReader(gateway.DataDirectory).All("seq = $seq", ("$seq", receipt.LeafIndex)).Single();
        Assert.Equal(receipt.Entry, stored.Bytes);
        Assert.True(receipt.TreeSize > receipt.LeafIndex);

        var jwk = await ReceiptKeyAsync(gateway, receipt.KeyId);
        var root = RootFromPath(LeafHash(receipt.Entry), receipt.LeafIndex, receipt.TreeSize, receipt.Path);
        Assert.Equal("valid", await NodeVerifyAsync(jwk, receipt.SigStructure(root), receipt.Signature));

        // Altered: a node of the path, the leaf index, the record, or the root itself (the signed head).
        var alteredPath = receipt.Path.Select(p => p.ToArray()).ToList();
        alteredPath[0][0] ^= 1;
        Assert.Equal("invalid-signature", await NodeVerifyAsync(jwk, receipt.SigStructure(RootFromPath(LeafHash(receipt.Entry), receipt.LeafIndex, receipt.TreeSize, alteredPath)), receipt.Signature));
        Assert.Equal("invalid-signature", await NodeVerifyAsync(jwk, receipt.SigStructure(RootFromPath(LeafHash(receipt.Entry), receipt.LeafIndex ^ 1, receipt.TreeSize, receipt.Path)), receipt.Signature));
        var changedEntry = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(receipt.Entry).Replace("\"status\":200", "\"status\":404"));
        Assert.Equal("invalid-signature", await NodeVerifyAsync(jwk, receipt.SigStructure(RootFromPath(LeafHash(changedEntry), receipt.LeafIndex, receipt.TreeSize, receipt.Path)), receipt.Signature));
        var otherRoot = root.ToArray();
        otherRoot[31] ^= 0x80;
        Assert.Equal("invalid-signature", await NodeVerifyAsync(jwk, receipt.SigStructure(otherRoot), receipt.Signature));
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_share_far_fewer_signatures_and_every_receipt_verifies()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = context => context.Response.WriteAsync(Body);
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        var keys = ReceiptKeySet.ParseJwks(await gateway.Client.GetStringAsync("/audit/v1/receipt-keys"));
        var heads = gateway.Services.GetRequiredService<TreeHeadSigner>();
        using var client = gateway.CreateClient();
        await client.GetAsync("/disdukcapil/kependudukan/v1/warm-up");
        var signedBefore = heads.HeadsSigned;

        const int requests = 200;
        var responses = await Task.WhenAll(Enumerable.Range(0, requests).Select(async n =>
        {
            var url = $"{gateway.BaseUrl}/disdukcapil/kependudukan/v1/penduduk/{n}";
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await client.SendAsync(request);
            var headers = ReceiptTests.Fields(response.Headers, response.Content.Headers)
                .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
            return (Url: url, Saved: new SavedResponse((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync()));
        }));

        var signatures = new HashSet<string>();
        foreach (var (url, saved) in responses)
        {
            var result = BatchedReceiptVerifier.Verify(saved, "GET", url, keys);
            Assert.True(result.Ok, result.Description);
            signatures.Add(Convert.ToBase64String(Receipt.Parse(saved.Headers["spbe-receipt"]).Signature));
        }
        var signed = heads.HeadsSigned - signedBefore;
        // Measured here: 200 concurrent responses, each with a valid receipt, from a few tens of signatures at most.
        Console.WriteLine($"{requests} concurrent responses, {signatures.Count} distinct signatures in their receipts, {signed} tree heads signed");
        Assert.Equal(signatures.Count, signed);
        Assert.True(signatures.Count <= requests / 4, $"{signatures.Count} signatures for {requests} concurrent responses: batching did not share them");
    }

    [Fact]
    public async Task A_batched_receipt_saved_with_curl_verifies_offline_and_a_changed_body_proof_or_head_does_not()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = context => context.Response.WriteAsync(Body);
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        var target = gateway.BaseUrl + "/disdukcapil/kependudukan/v1/penduduk/3275010101900001";
        var jwks = Path.Combine(gateway.DataDirectory, "receipt-keys.json");
        await File.WriteAllTextAsync(jwks, await gateway.Client.GetStringAsync("/audit/v1/receipt-keys"));
        var saved = Path.Combine(gateway.DataDirectory, "response.http");
        var curl = await ReceiptTests.RunAsync("curl", $"-s -i --http1.1 --cacert {Path.Combine(gateway.DataDirectory, "tls", "gateway-dev.crt")} -o {saved} {target}");
        Assert.Equal(0, curl.Exit);
        var original = await File.ReadAllTextAsync(saved);

        var (exit, output) = await VerifyAsync(saved, target, jwks);
        Assert.True(exit == AuditCommandLine.Verified, output);
        Assert.Contains("answered 200", output);
        Assert.Contains("is in the gateway's audit log", output);
        var header = original.Split("\r\n").Single(l => l.StartsWith("spbe-receipt:", StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"Spbe-Receipt field: {header.Length} bytes");

        await File.WriteAllTextAsync(saved, original.Replace("Agus", "Budi"));
        (exit, output) = await VerifyAsync(saved, target, jwks);
        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        Assert.Contains("Content-Digest does not match", output);

        await File.WriteAllTextAsync(saved, original);
        (exit, output) = await VerifyAsync(saved, target.Replace("3275010101900001", "3275010101900002"), jwks);
        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        Assert.Contains("another method or target URI", output);

        var receipt = Receipt.Parse(header[(header.IndexOf(':') + 1)..].Trim());
        foreach (var altered in new[] { receipt.WithPathNodeFlipped(), receipt.WithSignatureByteFlipped() })
        {
            await File.WriteAllTextAsync(saved, original.Replace(header, "Spbe-Receipt: " + altered));
            (exit, output) = await VerifyAsync(saved, target, jwks);
            Assert.Equal(AuditCommandLine.VerificationFailed, exit);
            Assert.Contains("does not cover the tree head", output);
        }
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(string saved, string target, string jwks)
    {
        var output = new StringWriter();
        var exit = await AuditCommandLine.RunAsync(["verify-receipt", "--response", saved, "--method", "GET", "--url", target, "--jwks", jwks], output, output);
        return (exit, output.ToString());
    }

    /// <summary>RFC 6962 leaf hash: SHA-256(0x00 || data).</summary>
    private static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    /// <summary>RFC 9162 section 2.1.3.2, written here from the RFC: the root an inclusion path leads to.</summary>
    private static byte[] RootFromPath(byte[] leaf, long index, long size, IReadOnlyList<byte[]> path)
    {
        long fn = index, sn = size - 1;
        var r = leaf;
        foreach (var p in path)
        {
            if (sn == 0)
                return new byte[32]; // a path too long leads nowhere
            if ((fn & 1) == 1 || fn == sn)
            {
                r = SHA256.HashData([0x01, .. p, .. r]);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = SHA256.HashData([0x01, .. r, .. p]);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : new byte[32];
    }

    private static async Task<string> ReceiptKeyAsync(TestGateway gateway, string keyId)
    {
        var jwks = JsonDocument.Parse(await gateway.Client.GetStringAsync("/audit/v1/receipt-keys"));
        return jwks.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == keyId).GetRawText();
    }

    /// <summary>Node's crypto: ES256 (ECDSA P-256, SHA-256, raw r||s as COSE has it) over the Sig_structure bytes.</summary>
    private static async Task<string> NodeVerifyAsync(string jwk, byte[] toBeSigned, byte[] signature)
    {
        const string script = """
            const crypto = require('crypto');
            let input = '';
            process.stdin.on('data', d => input += d).on('end', () => {
              const p = JSON.parse(input);
              const key = crypto.createPublicKey({ key: JSON.parse(p.jwk), format: 'jwk' });
              const ok = crypto.verify('sha256', Buffer.from(p.data, 'base64'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(p.signature, 'base64'));
              console.log(ok ? 'valid' : 'invalid-signature');
            });
            """;
        var input = JsonSerializer.Serialize(new { jwk, data = Convert.ToBase64String(toBeSigned), signature = Convert.ToBase64String(signature) });
        var result = await ReceiptTests.RunAsync("node", "-e \"" + script.Replace("\"", "\\\"") + "\"", input);
        Assert.True(result.Exit == 0, result.Output);
        return result.Output.Trim();
    }

    /// <summary>The test's own reading of the Spbe-Receipt field and of the RFC 9942 COSE receipt in it.</summary>
    private sealed record Receipt(byte[] Entry, byte[] RequestKey, byte[] Protected, string KeyId, long TreeSize, long LeafIndex, List<byte[]> Path, byte[] Signature)
    {
        public static Receipt Parse(string field)
        {
            var members = field.Split(',', StringSplitOptions.TrimEntries)
                .Select(m => m.Split('=', 2))
                .ToDictionary(m => m[0], m => Convert.FromBase64String(m[1].Trim(':')));
            var cose = new CborReader(members["cose"]);
            Assert.Equal((CborTag)18, cose.ReadTag()); // COSE_Sign1
            Assert.Equal(4, cose.ReadStartArray());
            var protectedBytes = cose.ReadByteString();
            Assert.Equal(1, cose.ReadStartMap());
            Assert.Equal(396, cose.ReadInt32()); // verifiable data proofs
            Assert.Equal(1, cose.ReadStartMap());
            Assert.Equal(-1, cose.ReadInt32()); // inclusion proofs
            Assert.Equal(1, cose.ReadStartArray());
            var proof = new CborReader(cose.ReadByteString());
            cose.ReadEndArray();
            cose.ReadEndMap();
            cose.ReadEndMap();
            cose.ReadNull(); // detached payload: the root
            var signature = cose.ReadByteString();

            Assert.Equal(3, proof.ReadStartArray());
            var size = proof.ReadInt64();
            var index = proof.ReadInt64();
            var count = proof.ReadStartArray()!.Value;
            var path = Enumerable.Range(0, count).Select(_ => proof.ReadByteString()).ToList();

            var header = new CborReader(protectedBytes);
            var entries = header.ReadStartMap()!.Value;
            string? keyId = null;
            int? alg = null, vds = null;
            for (var i = 0; i < entries; i++)
            {
                switch (header.ReadInt32())
                {
                    case 1: alg = header.ReadInt32(); break;
                    case 4: keyId = Encoding.UTF8.GetString(header.ReadByteString()); break;
                    case 395: vds = header.ReadInt32(); break;
                    default: header.SkipValue(); break;
                }
            }
            Assert.Equal(-7, alg); // ES256
            Assert.Equal(1, vds); // RFC9162_SHA256
            return new Receipt(members["entry"], members["request-key"], protectedBytes, keyId!, size, index, path, signature);
        }

        /// <summary>RFC 9052 section 4.4: ["Signature1", protected, external_aad = h'', payload = the root].</summary>
        public byte[] SigStructure(byte[] root)
        {
            var writer = new CborWriter();
            writer.WriteStartArray(4);
            writer.WriteTextString("Signature1");
            writer.WriteByteString(Protected);
            writer.WriteByteString([]);
            writer.WriteByteString(root);
            writer.WriteEndArray();
            return writer.Encode();
        }

        public string WithPathNodeFlipped()
        {
            var path = Path.Select(p => p.ToArray()).ToList();
            path[^1][5] ^= 1;
            return (this with { Path = path }).Format();
        }

        public string WithSignatureByteFlipped()
        {
            var signature = Signature.ToArray();
            signature[^1] ^= 1;
            return (this with { Signature = signature }).Format();
        }

        private string Format()
        {
            var proof = new CborWriter();
            proof.WriteStartArray(3);
            proof.WriteInt64(TreeSize);
            proof.WriteInt64(LeafIndex);
            proof.WriteStartArray(Path.Count);
            foreach (var node in Path)
                proof.WriteByteString(node);
            proof.WriteEndArray();
            proof.WriteEndArray();
            var cose = new CborWriter();
            cose.WriteTag((CborTag)18);
            cose.WriteStartArray(4);
            cose.WriteByteString(Protected);
            cose.WriteStartMap(1);
            cose.WriteInt32(396);
            cose.WriteStartMap(1);
            cose.WriteInt32(-1);
            cose.WriteStartArray(1);
            cose.WriteByteString(proof.Encode());
            cose.WriteEndArray();
            cose.WriteEndMap();
            cose.WriteEndMap();
            cose.WriteNull();
            cose.WriteByteString(Signature);
            cose.WriteEndArray();
            return $"cose=:{Convert.ToBase64String(cose.Encode())}:, entry=:{Convert.ToBase64String(Entry)}:, request-key=:{Convert.ToBase64String(RequestKey)}:";
        }
    }
}
