using Microsoft.Data.Sqlite;
using SpbeConnector.Audit;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Audit.Tests.Logging;

public class AuditLogTests
{
    [Fact]
    public async Task Concurrent_appends_share_flushes_and_each_record_is_durable_when_its_task_completes()
    {
        await using var harness = await AuditLogHarness.StartAsync();
        var before = harness.Log.GroupsWritten;

        var appends = Enumerable.Range(0, 2000).Select(i => Task.Run(async () =>
            (await harness.Log.AppendAsync(new AuditEvent("test", $"action-{i}", "succeeded")))!.Value)).ToArray();
        var seqs = await Task.WhenAll(appends);

        // Each sequence number once, contiguous, and on disk (strict mode: AppendAsync returned after durability).
        Assert.Equal(seqs.Length, seqs.Distinct().Count());
        Assert.Equal(seqs.Max() - seqs.Min() + 1, seqs.Length);
        using var connection = harness.OpenStore();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM audit_records WHERE type = 'test'";
        Assert.Equal(2000L, (long)count.ExecuteScalar()!);
        var groups = harness.Log.GroupsWritten - before;
        Assert.True(groups < 1000, $"2000 concurrent records took {groups} flushes; group commit should share them");
    }

    [Fact]
    public async Task A_checkpoint_signs_the_root_of_exactly_the_stored_records_and_verifies_with_the_published_key()
    {
        await using var harness = await AuditLogHarness.StartAsync();
        for (var i = 0; i < 37; i++)
            await harness.Log.AppendAsync(new AuditEvent("test", "a", "succeeded"));

        var checkpoint = (await harness.Log.CheckpointNowAsync(CancellationToken.None))!;

        var frontier = new MerkleFrontier();
        await foreach (var row in harness.Store.ReadRecordsAsync(0, checkpoint.TreeSize, CancellationToken.None))
        {
            Assert.Equal(row.Seq, AuditRecordBytes.ReadSeq(row.Record));
            frontier.Append(MerkleHash.Leaf(row.Record));
        }
        Assert.Equal(checkpoint.TreeSize, frontier.Size);
        var note = CheckpointNote.ParseAndVerify(checkpoint.Note, harness.Keys.CheckpointKey.SubjectPublicKeyInfo, out var problem);
        Assert.True(note is not null, problem);
        Assert.Equal(frontier.Root(), note.RootHash);
        Assert.StartsWith("spbe-connector/audit/test-node\n", checkpoint.Note);

        var tampered = checkpoint.Note.Replace($"\n{checkpoint.TreeSize}\n", $"\n{checkpoint.TreeSize - 1}\n");
        Assert.Null(CheckpointNote.ParseAndVerify(tampered, harness.Keys.CheckpointKey.SubjectPublicKeyInfo, out _));
    }

    [Fact]
    public async Task Proofs_served_from_the_store_verify_against_signed_checkpoints()
    {
        await using var harness = await AuditLogHarness.StartAsync();
        for (var i = 0; i < 50; i++)
            await harness.Log.AppendAsync(new AuditEvent("test", "a", "succeeded"));
        var first = (await harness.Log.CheckpointNowAsync(CancellationToken.None))!;
        for (var i = 0; i < 123; i++)
            await harness.Log.AppendAsync(new AuditEvent("test", "b", "succeeded"));
        var second = (await harness.Log.CheckpointNowAsync(CancellationToken.None))!;

        var builder = new MerkleProofBuilder(await StoreSubtreeHashReader.CreateAsync(harness.Store, CancellationToken.None));
        foreach (var seq in new long[] { 0, 17, 49, first.TreeSize - 1, 100, second.TreeSize - 1 })
        {
            var row = (await harness.Store.GetRecordAsync(seq, CancellationToken.None))!;
            var proof = await builder.InclusionProofAsync(seq, second.TreeSize);
            Assert.True(MerkleProofVerifier.VerifyInclusion(seq, second.TreeSize, MerkleHash.Leaf(row.Record), proof, second.RootHash), $"record {seq}");
        }
        var consistency = await builder.ConsistencyProofAsync(first.TreeSize, second.TreeSize);
        Assert.True(MerkleProofVerifier.VerifyConsistency(first.TreeSize, second.TreeSize, first.RootHash, second.RootHash, consistency));
    }

    [Fact]
    public async Task A_query_newest_first_pages_backwards_from_a_sequence_number()
    {
        var directory = Path.Combine(Path.GetTempPath(), "spbe-audit-" + Guid.NewGuid().ToString("N"));
        await using (var harness = await AuditLogHarness.StartAsync(directory))
        {
            var appended = new List<long>();
            for (var i = 0; i < 5; i++)
                appended.Add((await harness.Log.AppendAsync(new AuditEvent("test", "step-" + i, "succeeded")))!.Value);
            var newest = await harness.Store.QueryAsync(new AuditQuery(Type: "test", Limit: 2, NewestFirst: true), CancellationToken.None).ToListAsync();
            Assert.Equal([appended[4], appended[3]], newest.Select(r => r.Seq));
            var older = await harness.Store.QueryAsync(new AuditQuery(Type: "test", Limit: 2, NewestFirst: true, BeforeSeq: newest[^1].Seq), CancellationToken.None).ToListAsync();
            Assert.Equal([appended[2], appended[1]], older.Select(r => r.Seq));
            var oldestFirst = await harness.Store.QueryAsync(new AuditQuery(Type: "test", Limit: 2), CancellationToken.None).ToListAsync();
            Assert.Equal([appended[0], appended[1]], oldestFirst.Select(r => r.Seq));
        }
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task After_a_clean_stop_the_log_resumes_where_it_was_and_says_how_the_previous_run_ended()
    {
        var directory = Path.Combine(Path.GetTempPath(), "spbe-audit-" + Guid.NewGuid().ToString("N"));
        long last;
        await using (var first = await AuditLogHarness.StartAsync(directory))
        {
            last = (await first.Log.AppendAsync(new AuditEvent("test", "a", "succeeded")))!.Value;
            await first.StopAsync();
        }
        await using var second = await AuditLogHarness.StartAsync(directory);
        var next = (await second.Log.AppendAsync(new AuditEvent("test", "b", "succeeded")))!.Value;

        var start = await second.Store.QueryAsync(new AuditQuery(Type: AuditRecordTypes.GatewayStart), CancellationToken.None).ToListAsync();
        Assert.Equal(2, start.Count);
        Assert.Contains("\"previousShutdown\":\"clean\"", System.Text.Encoding.UTF8.GetString(start[1].Record));
        Assert.True(next > last + 1); // the stop and start records came between
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_run_that_crashed_after_a_clean_restart_is_resumed_and_its_unsigned_records_are_signed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "spbe-audit-" + Guid.NewGuid().ToString("N"));
        await using (var first = await AuditLogHarness.StartAsync(directory))
            await first.StopAsync();
        var crashed = await AuditLogHarness.StartAsync(directory);
        var lost = (await crashed.Log.AppendAsync(new AuditEvent("test", "before-crash", "succeeded")))!.Value;
        crashed.Abandon();

        await using var third = await AuditLogHarness.StartAsync(directory);
        var latest = third.Log.LatestCheckpoint!;
        Assert.True(latest.TreeSize > lost, "the records of the crashed run are covered by a new checkpoint");
        var start = await third.Store.QueryAsync(new AuditQuery(Type: AuditRecordTypes.GatewayStart), CancellationToken.None).ToListAsync();
        Assert.Contains("\"previousShutdown\":\"unclean\"", System.Text.Encoding.UTF8.GetString(start[^1].Record));
    }

    [Fact]
    public async Task Every_record_says_which_clock_it_used_and_whether_the_kernel_reports_it_synchronised()
    {
        // Pasal 59 ayat (9) huruf h. adjtimex(2) in read-only mode answers on any Linux host, container or not.
        var status = SpbeConnector.Audit.Time.SystemClockSynchronization.Read();
        Assert.NotNull(status.Synchronized);
        Assert.NotNull(status.MaxErrorMs);

        await using var harness = await AuditLogHarness.StartAsync();
        var seq = (await harness.Log.AppendAsync(new AuditEvent("test", "a", "succeeded")))!.Value;
        var record = (await harness.Store.GetRecordAsync(seq, CancellationToken.None))!;
        using var json = System.Text.Json.JsonDocument.Parse(record.Record);
        var clock = json.RootElement.GetProperty("clock");
        Assert.Equal("system", clock.GetProperty("source").GetString());
        Assert.Equal(status.Synchronized, clock.GetProperty("synchronized").GetBoolean());
        Assert.True(clock.TryGetProperty("maxErrorMs", out _));
    }

    [Fact]
    public async Task An_externally_issued_rsa_certificate_signs_the_checkpoints_and_they_verify_with_its_public_key()
    {
        // As a certificate from the national CA might be: RSA 2048, PEM certificate and encrypted PKCS#8 key.
        var directory = Path.Combine(Path.GetTempPath(), "spbe-external-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Log Audit Pemda, O=Pemerintah Kota", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var certificatePath = Path.Combine(directory, "audit.crt");
        var keyPath = Path.Combine(directory, "audit.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportEncryptedPkcs8PrivateKeyPem("rahasia-kunci",
            new System.Security.Cryptography.PbeParameters(System.Security.Cryptography.PbeEncryptionAlgorithm.Aes256Cbc, System.Security.Cryptography.HashAlgorithmName.SHA256, 10_000)));

        await using var harness = await AuditLogHarness.StartAsync(directory, o =>
            o.CheckpointKey = new SpbeConnector.Audit.Keys.SigningKeyOptions { CertificatePath = certificatePath, KeyPath = keyPath, Password = "rahasia-kunci" });
        await harness.Log.AppendAsync(new AuditEvent("test", "a", "succeeded"));
        var checkpoint = (await harness.Log.CheckpointNowAsync(CancellationToken.None))!;

        Assert.NotNull(CheckpointNote.ParseAndVerify(checkpoint.Note, rsa.ExportSubjectPublicKeyInfo(), out _));
        var report = await new SpbeConnector.Audit.Verification.AuditLogVerifier([rsa.ExportSubjectPublicKeyInfo()])
            .VerifyAsync(new SpbeConnector.Audit.Verification.StoreLogSource(harness.Store));
        Assert.True(report.Ok, string.Join("; ", report.Findings));
    }

    [Fact]
    public async Task The_store_refuses_to_change_remove_overwrite_or_skip_audit_records()
    {
        await using var harness = await AuditLogHarness.StartAsync();
        for (var i = 0; i < 20; i++) // enough for a stored interior node (level 4: 16 leaves)
            await harness.Log.AppendAsync(new AuditEvent("test", "a", "succeeded"));
        await harness.Log.CheckpointNowAsync(CancellationToken.None);
        using var connection = harness.OpenStore();

        foreach (var sql in new[]
                 {
                     "UPDATE audit_records SET status = 500 WHERE seq = 0",
                     "DELETE FROM audit_records WHERE seq = 0",
                     "INSERT OR REPLACE INTO audit_records (seq, time_ms, type, record, leaf_hash) VALUES (0, 0, 'x', x'7b7d', x'00')",
                     "INSERT INTO audit_records (seq, time_ms, type, record, leaf_hash) VALUES (1000, 0, 'x', x'7b7d', x'00')",
                     "UPDATE audit_checkpoints SET tree_size = 1",
                     "DELETE FROM audit_checkpoints",
                     "DELETE FROM audit_keys",
                     "DELETE FROM audit_nodes",
                 })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = Record.Exception(() => command.ExecuteNonQuery());
            Assert.True(refused is SqliteException && refused.Message.Contains("append-only"), $"the store accepted: {sql}");
        }
    }
}
