using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Tree;
using SpbeConnector.TestSupport;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// The security team's access to the audit log (Pasal 59 ayat (9) huruf e: protected from unauthorised access):
/// queries, proofs and exports for the auditor role only, every read itself recorded; checkpoints, consistency proofs
/// and receipt keys public so that anyone can check what the gateway signed.
/// </summary>
public class AuditApiTests
{
    [Fact]
    public async Task Only_the_auditor_reads_the_log_the_administrator_token_is_not_enough_and_each_read_is_recorded()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("disdukcapil", "kependudukan", "v1", [upstream.BaseUrl]);
        await gateway.Client.GetAsync("/disdukcapil/kependudukan/v1/penduduk/3275010101900001");

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/audit/v1/records")).StatusCode);
        // The administrator's management client is known, and not allowed: spbe.admin does not open the log.
        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Admin.GetAsync("/audit/v1/records")).StatusCode);
        using var wrong = gateway.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestGateway.AdminToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/audit/v1/records")).StatusCode);
        var page = await gateway.Auditor.GetFromJsonAsync<JsonElement>("/audit/v1/records?subject=3275010101900001");
        // The auditor finds the exchanges about one NIK through its pseudonym, though the log never holds the NIK.
        // (The audit.read record of this very query holds the pseudonym too: who looked for a NIK is evidence as well.)
        var found = page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("record").GetProperty("type").GetString()!).ToArray();
        Assert.Equal(["exchange.request", "audit.read"], found);

        var reads = new AuditLogReader(gateway.DataDirectory).All("type = 'audit.read'");
        var read = reads.Single().Json;
        Assert.Equal("QueryRecords", read.GetProperty("action").GetString());
        Assert.StartsWith("client:spbe-mgmt-", read.GetProperty("actor").GetString());
        Assert.StartsWith("hmac:", read.GetProperty("details").GetProperty("subject").GetString());
        Assert.DoesNotContain("3275010101900001", reads.Single().Text);
        // A wrong token's attempt is evidence too.
        Assert.Contains(new AuditLogReader(gateway.DataDirectory).All("type = 'admin'"), r => r.Json.GetProperty("action").GetString() == "authenticate"
            && r.Json.GetProperty("target").GetString() == "/audit/v1/records");
    }

    [Fact]
    public async Task Records_are_filtered_by_client_opd_api_status_decision_and_time()
    {
        await using var upstream = await StubUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.StatusCode = context.Request.Path.Value!.EndsWith("missing") ? 404 : 200;
            await context.Response.WriteAsync("{}");
        };
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        await gateway.PublishPublicApiAsync("bapenda", "pajak", "v1", [upstream.BaseUrl]);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        await gateway.Client.GetAsync("/dinkes/faskes/v1/ok");
        await gateway.Client.GetAsync("/dinkes/faskes/v1/missing");
        await gateway.Client.GetAsync("/bapenda/pajak/v1/ok");
        await Task.Delay(200);

        async Task<JsonElement[]> Query(string q) =>
            (await gateway.Auditor.GetFromJsonAsync<JsonElement>("/audit/v1/records?" + q)).GetProperty("records").EnumerateArray().ToArray();

        Assert.Single(await Query("status=404"));
        Assert.Equal(2, (await Query("api=dinkes/faskes/v1&type=exchange.response")).Length);
        Assert.Equal(2, (await Query("opd=bapenda")).Length); // its request and its response
        Assert.Empty(await Query("decision=refused"));
        Assert.Equal(6, (await Query($"from={Uri.EscapeDataString(start.ToString("O"))}&type=exchange.request")).Length
                        + (await Query($"from={Uri.EscapeDataString(start.ToString("O"))}&type=exchange.response")).Length);
        var paged = await gateway.Auditor.GetFromJsonAsync<JsonElement>("/audit/v1/records?limit=2");
        Assert.Equal(2, paged.GetProperty("records").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, paged.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.Auditor.GetAsync("/audit/v1/records?limit=0")).StatusCode);
    }

    [Fact]
    public async Task An_inclusion_proof_and_a_consistency_proof_from_the_api_verify_against_signed_checkpoints()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Audit:CheckpointEveryRecords"] = "5" });
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        var response = await gateway.Client.GetAsync("/dinkes/faskes/v1/a");
        var seq = long.Parse(response.Headers.GetValues("Spbe-Audit-Record").Single());

        var first = await gateway.Auditor.GetFromJsonAsync<JsonElement>($"/audit/v1/records/{seq}/proof");
        for (var i = 0; i < 20; i++)
            await gateway.Client.GetAsync("/dinkes/faskes/v1/b");
        var later = await gateway.Auditor.GetFromJsonAsync<JsonElement>($"/audit/v1/records/{seq}/proof");

        // The checkpoint is a signed note that verifies with the log's key, published as a certificate.
        var key = File.ReadAllText(Path.Combine(gateway.DataDirectory, "audit", "keys", "checkpoint-signing.crt"));
        var spki = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(key).PublicKey.ExportSubjectPublicKeyInfo();
        foreach (var proof in new[] { first, later })
        {
            var note = CheckpointNote.ParseAndVerify(proof.GetProperty("checkpoint").GetProperty("note").GetString()!, spki, out var problem);
            Assert.True(note is not null, problem);
            var record = await gateway.Auditor.GetFromJsonAsync<JsonElement>($"/audit/v1/records/{seq}");
            var leaf = MerkleHash.Leaf(Convert.FromBase64String(record.GetProperty("canonical").GetString()!));
            var path = proof.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            Assert.True(MerkleProofVerifier.VerifyInclusion(seq, note.TreeSize, leaf, path, note.RootHash),
                $"seq {seq} size {note.TreeSize} proof {proof}");
        }

        var (small, large) = (first.GetProperty("treeSize").GetInt64(), later.GetProperty("treeSize").GetInt64());
        Assert.True(large > small, $"{large} > {small}");
        // Public: an OPD holding the older checkpoint checks that the newer one only appended to it.
        var consistency = await gateway.Client.GetFromJsonAsync<JsonElement>($"/audit/v1/proofs/consistency?from={small}&to={large}");
        var hashes = consistency.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        Assert.True(MerkleProofVerifier.VerifyConsistency(small, large,
            Convert.FromBase64String(first.GetProperty("checkpoint").GetProperty("rootHash").GetString()!),
            Convert.FromBase64String(later.GetProperty("checkpoint").GetProperty("rootHash").GetString()!), hashes));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/audit/v1/checkpoints/latest")).StatusCode);
    }

    [Fact]
    public async Task An_export_with_proofs_verifies_offline_and_a_changed_line_does_not_and_the_csv_cannot_run_formulas()
    {
        await using var upstream = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync();
        await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
        for (var i = 0; i < 5; i++)
            await gateway.Client.GetAsync($"/dinkes/faskes/v1/x/=cmd|' /C calc'!A{i}");

        var export = await gateway.Auditor.GetAsync("/audit/v1/export?format=jsonl&api=dinkes/faskes/v1");
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".jsonl");
        await File.WriteAllBytesAsync(path, await export.Content.ReadAsByteArrayAsync());
        try
        {
            var output = new StringWriter();
            var certificate = Path.Combine(gateway.DataDirectory, "audit", "keys", "checkpoint-signing.crt");
            var exit = await AuditCommandLine.RunAsync(["verify", path, "--trusted-key", certificate], output, output);
            Assert.True(exit == AuditCommandLine.Verified, output.ToString());
            Assert.Contains("10 exported record(s)", output.ToString());

            var lines = await File.ReadAllLinesAsync(path);
            lines[3] = lines[3].Replace("\"method\":\"GET\"", "\"method\":\"PUT\"");
            await File.WriteAllLinesAsync(path, lines);
            var tampered = new StringWriter();
            Assert.Equal(AuditCommandLine.VerificationFailed, await AuditCommandLine.RunAsync(["verify", path], tampered, tampered));
            Assert.Contains("was modified", tampered.ToString());
        }
        finally
        {
            File.Delete(path);
        }

        var csv = await gateway.Auditor.GetStringAsync("/audit/v1/export?format=csv&type=exchange.request");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("seq,time,type,request_id", rows[0]);
        Assert.Equal(6, rows.Length);
        Assert.DoesNotContain(rows.Skip(1), r => r.Split(',').Any(cell => cell.TrimStart('"').StartsWith('=')));
    }

    [Fact]
    public async Task Every_change_through_the_admin_api_and_every_wrong_admin_token_is_recorded()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.EnsureOpdAsync("dinkes");
        using var wrong = gateway.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token-0123456789abcdefgh");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/admin/v1/opds", new { code = "x", name = "x" })).StatusCode);
        var conflict = await gateway.Admin.PostAsJsonAsync("/admin/v1/opds", new { code = "dinkes", name = "again" });

        var log = new AuditLogReader(gateway.DataDirectory);
        var admin = log.All("type = 'admin'");
        var created = admin.First(r => r.Json.GetProperty("action").GetString() == "CreateOpd").Json;
        Assert.StartsWith("client:spbe-mgmt-", created.GetProperty("actor").GetString());
        Assert.Equal(201, created.GetProperty("status").GetInt32());
        Assert.Equal("succeeded", created.GetProperty("outcome").GetString());
        Assert.Contains(admin, r => r.Status == (int)conflict.StatusCode && r.Json.GetProperty("outcome").GetString() == "refused");
        Assert.DoesNotContain(admin, r => r.Json.GetProperty("action").GetString() == "GetOpd"); // reads are not changes
        var refused = admin.Single(r => r.Json.GetProperty("action").GetString() == "authenticate").Json;
        Assert.Equal("authenticate", refused.GetProperty("action").GetString());
        Assert.Equal("refused", refused.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_receipt_keys_are_public_as_a_jwks()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.GetAsync("/audit/v1/receipt-keys");
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        var key = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray().Single();
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal(43, key.GetProperty("kid").GetString()!.Length);
    }
}
