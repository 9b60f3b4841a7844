using System.Text;
using Microsoft.Data.Sqlite;
using SpbeConnector.Gateway.Hosting;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Tree;
using SpbeConnector.TestSupport;
using SpbeConnector.Audit.CommandLine;

namespace SpbeConnector.Gateway.Tests.Audit;

/// <summary>
/// An attacker with write access to the audit store's file (played by dropping the store's protecting triggers) changes
/// it in each of the ways an investigator must be able to detect (Pasal 59 ayat (9) huruf e). The offline verifier,
/// <c>audit verify</c>, catches each, names the record or checkpoint, and exits non-zero.
/// </summary>
public class AuditTamperTests(AuditTamperTests.PristineLog pristine) : IClassFixture<AuditTamperTests.PristineLog>
{
    [Fact]
    public async Task The_untouched_log_verifies()
    {
        using var copy = pristine.Copy();
        var (exit, output) = await VerifyAsync(copy.Path);
        Assert.True(exit == AuditCommandLine.Verified, output);
        Assert.Contains("OK", output);
    }

    [Fact]
    public async Task Changing_one_byte_of_a_record_is_caught_and_the_record_named()
    {
        using var copy = pristine.Copy();
        var record = Encoding.UTF8.GetBytes(copy.ReadRecord(17));
        var at = Encoding.UTF8.GetString(record).IndexOf("\"time\":\"2", StringComparison.Ordinal) + "\"time\":\"".Length;
        record[at] = (byte)'1'; // one byte: the year 2026 becomes 1026
        copy.Execute("UPDATE audit_records SET record = $r WHERE seq = 17", ("$r", record));

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        AssertFirst(output, "Modified: Record 17 was modified");
    }

    [Fact]
    public async Task Changing_a_record_and_rewriting_its_stored_hash_is_caught_by_the_next_signed_checkpoint()
    {
        using var copy = pristine.Copy();
        var record = Forge(copy.ReadRecord(17));
        copy.Execute("UPDATE audit_records SET record = $r, leaf_hash = $h WHERE seq = 17",
            ("$r", Encoding.UTF8.GetBytes(record)), ("$h", MerkleHash.Leaf(Encoding.UTF8.GetBytes(record))));

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(FirstFinding(output), @"CheckpointMismatch: Checkpoint #\d+ .* one of records 1\d to \d+ was changed"), output);
    }

    [Theory]
    [InlineData("type", "'gateway.start'")]
    [InlineData("time_ms", "0")]
    [InlineData("request_id", "'forged-request'")]
    [InlineData("client_id", "'penyusup'")]
    [InlineData("client_opd", "'penyusup'")]
    [InlineData("api", "'dinkes/lain/v1'")]
    [InlineData("api_opd", "'lain'")]
    [InlineData("status", "299")]
    [InlineData("refused_by", "'authorization'")]
    public async Task Altering_an_indexed_column_of_a_record_is_caught_naming_the_record_and_the_column(string column, string value)
    {
        // The security view filters and shows these columns: one altered would mislead an investigation though every
        // hash still matches the record.
        using var copy = pristine.Copy();
        var seq = copy.Scalar<long>("SELECT seq FROM audit_records WHERE type = 'exchange.response' AND seq > 15 ORDER BY seq LIMIT 1");
        copy.Execute($"UPDATE audit_records SET {column} = {value} WHERE seq = {seq}");

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        AssertFirst(output, $"ColumnAltered: Record {seq}'s indexed column {column} was altered");
    }

    [Fact]
    public async Task Deleting_a_record_is_caught_and_the_missing_record_named()
    {
        using var copy = pristine.Copy();
        copy.Execute("DELETE FROM audit_records WHERE seq = 23");

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        AssertFirst(output, "Removed: Record 23 was removed");
    }

    [Fact]
    public async Task Inserting_a_forged_record_is_caught_and_the_forged_record_named()
    {
        using var copy = pristine.Copy();
        // Make room at 30 as the attacker must (the store's key is the sequence number), then slip in a record that
        // claims number 30 and carries a correct hash of itself.
        var genuine = copy.ReadRecord(30);
        var forged = Forge(genuine);
        Assert.NotEqual(genuine, forged);
        copy.Execute("""
            CREATE TEMP TABLE shifted AS SELECT * FROM audit_records WHERE seq >= 30;
            DELETE FROM audit_records WHERE seq >= 30;
            INSERT INTO audit_records SELECT seq + 1, time_ms, type, request_id, client_id, client_opd, api, api_opd, status, refused_by, record, leaf_hash FROM shifted;
            """);
        copy.Execute("INSERT INTO audit_records (seq, time_ms, type, record, leaf_hash) VALUES (30, 0, 'exchange.request', $r, $h)",
            ("$r", Encoding.UTF8.GetBytes(forged)), ("$h", MerkleHash.Leaf(Encoding.UTF8.GetBytes(forged))));

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        // Named exactly when a checkpoint ends right after the forgery; otherwise the first checkpoint whose range holds it.
        var named = System.Text.RegularExpressions.Regex.Match(output,
            @"Record stored as number 30 \(claiming 30\) was inserted|one of records (\d+) to (\d+) was changed, inserted or removed");
        Assert.True(named.Success, output);
        if (named.Groups[1].Success)
            Assert.InRange(30, int.Parse(named.Groups[1].Value), int.Parse(named.Groups[2].Value));
        Assert.DoesNotContain("Record stored as number 31", output);
    }

    [Fact]
    public async Task Appending_a_forged_record_while_the_gateway_is_stopped_is_caught()
    {
        using var copy = pristine.Copy();
        var next = copy.Count();
        var forged = Forge(copy.ReadRecord(next - 3)).Replace($"\"seq\":{next - 3},", $"\"seq\":{next},");
        copy.Execute("INSERT INTO audit_records (seq, time_ms, type, record, leaf_hash) VALUES ($s, 0, 'exchange.request', $r, $h)",
            ("$s", next), ("$r", Encoding.UTF8.GetBytes(forged)), ("$h", MerkleHash.Leaf(Encoding.UTF8.GetBytes(forged))));

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        AssertFirst(output, $"Inserted: Record {next} was inserted while the gateway was stopped");
    }

    [Fact]
    public async Task Reordering_two_records_is_caught_and_both_named()
    {
        using var copy = pristine.Copy();
        var (a, b) = (copy.ReadRecord(12), copy.ReadRecord(13));
        copy.Execute("UPDATE audit_records SET record = $r, leaf_hash = $h WHERE seq = 12", ("$r", Encoding.UTF8.GetBytes(b)), ("$h", MerkleHash.Leaf(Encoding.UTF8.GetBytes(b))));
        copy.Execute("UPDATE audit_records SET record = $r, leaf_hash = $h WHERE seq = 13", ("$r", Encoding.UTF8.GetBytes(a)), ("$h", MerkleHash.Leaf(Encoding.UTF8.GetBytes(a))));

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        AssertFirst(output, "Reordered: Records 12 and 13 were reordered");
    }

    [Fact]
    public async Task Truncating_the_tail_is_caught_against_the_last_signed_checkpoint()
    {
        using var copy = pristine.Copy();
        var count = copy.Count();
        copy.Execute("DELETE FROM audit_records WHERE seq >= $s", ("$s", count - 5));

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        AssertFirst(output, $"Truncated: Records {count - 5} to {count - 1} were removed from the end");
    }

    [Fact]
    public async Task Altering_a_checkpoint_is_caught_by_its_signature()
    {
        using var copy = pristine.Copy();
        var note = copy.Scalar<string>("SELECT note FROM audit_checkpoints WHERE id = 3");
        var lines = note.Split('\n');
        lines[2] = Convert.ToBase64String(new byte[32]); // a different root, same signature
        copy.Execute("UPDATE audit_checkpoints SET note = $n WHERE id = 3", ("$n", string.Join('\n', lines)));

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        AssertFirst(output, "CheckpointInvalid: Checkpoint #3 was altered or replaced: its signature does not verify");
    }

    [Fact]
    public async Task Replacing_a_checkpoint_with_another_genuine_one_is_caught()
    {
        using var copy = pristine.Copy();
        copy.Execute("UPDATE audit_checkpoints SET note = (SELECT note FROM audit_checkpoints WHERE id = 2), tree_size = (SELECT tree_size FROM audit_checkpoints WHERE id = 2) WHERE id = 4");

        var (exit, output) = await VerifyAsync(copy.Path);

        Assert.Equal(AuditCommandLine.VerificationFailed, exit);
        Assert.Contains("Checkpoint #4 was replaced: the signed checkpoint in its place is #2", output);
    }

    [Fact]
    public async Task A_log_re_signed_with_another_key_is_caught_when_the_investigator_pins_the_genuine_key()
    {
        using var copy = pristine.Copy();
        var certificate = Path.Combine(pristine.DataDirectory, "audit", "keys", "checkpoint-signing.crt");
        var (exit, output) = await VerifyAsync(copy.Path, "--trusted-key", certificate);
        Assert.True(exit == AuditCommandLine.Verified, output);

        var other = Path.Combine(pristine.DataDirectory, "audit", "keys", "receipt-signing.crt"); // a genuine key, but not the checkpoint key
        var (pinnedExit, pinnedOutput) = await VerifyAsync(copy.Path, "--trusted-key", other);
        Assert.Equal(AuditCommandLine.VerificationFailed, pinnedExit);
        Assert.Contains("None of the log's checkpoint keys is the pinned key", pinnedOutput);
    }

    [Fact]
    public async Task The_gateway_refuses_to_resume_a_log_extended_while_it_was_stopped()
    {
        using var copy = pristine.Copy();
        var next = copy.Count();
        var forged = Forge(copy.ReadRecord(next - 3)).Replace($"\"seq\":{next - 3},", $"\"seq\":{next},");
        copy.Execute("INSERT INTO audit_records (seq, time_ms, type, record, leaf_hash) VALUES ($s, 0, 'exchange.request', $r, $h)",
            ("$s", next), ("$r", Encoding.UTF8.GetBytes(forged)), ("$h", MerkleHash.Leaf(Encoding.UTF8.GetBytes(forged))));
        var data = Path.Combine(Path.GetTempPath(), "spbe-tampered-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(data, "audit"));
        File.Copy(copy.Path, Path.Combine(data, "audit", "audit.db"));
        CopyDirectory(Path.Combine(pristine.DataDirectory, "audit", "keys"), Path.Combine(data, "audit", "keys"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await (await TestGateway.StartAsync(dataDirectory: data)).DisposeAsync());

        Assert.Contains("cannot be resumed", refused.Message);
        Assert.Contains($"record {next} was added after the gateway's clean stop", refused.Message);
        Assert.Contains("audit verify", refused.Message);
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    /// <summary>A believable forgery of a record: the same record at another time.</summary>
    private static string Forge(string record)
    {
        var forged = System.Text.RegularExpressions.Regex.Replace(record, "\"time\":\"[^\"]+\"", "\"time\":\"2026-01-01T00:00:00.000Z\"");
        Assert.NotEqual(record, forged);
        return forged;
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(string path, params string[] extra)
    {
        var output = new StringWriter();
        var exit = await AuditCommandLine.RunAsync(["verify", path, .. extra], output, output);
        return (exit, output.ToString());
    }

    private static void AssertFirst(string output, string expected) =>
        Assert.True(FirstFinding(output).Contains(expected, StringComparison.Ordinal), $"expected first finding '{expected}' in:\n{output}");

    /// <summary>The first problem the verifier names (the line after the summary lines).</summary>
    private static string FirstFinding(string output) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith("  ") && l.Contains(": ") && !l.StartsWith("  note") && !l.StartsWith("  records"))?.Trim() ?? output;

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    /// <summary>
    /// One real gateway run, recorded once for all tamper tests: an API, GET requests through it, checkpoints every
    /// 10 records, then a clean stop (which signs a final checkpoint).
    /// </summary>
    public sealed class PristineLog : IAsyncLifetime
    {
        public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "spbe-pristine-" + Guid.NewGuid().ToString("N"));

        public string StorePath => Path.Combine(DataDirectory, "audit", AuditPathsFileName);

        private const string AuditPathsFileName = "audit.db";

        public async Task InitializeAsync()
        {
            await using var upstream = await StubUpstream.StartAsync();
            await using (var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
                         {
                             ["Audit:CheckpointEveryRecords"] = "10",
                         }, DataDirectory))
            {
                await gateway.PublishPublicApiAsync("dinkes", "faskes", "v1", [upstream.BaseUrl]);
                for (var i = 0; i < 30; i++)
                    (await gateway.Client.GetAsync($"/dinkes/faskes/v1/items/{i}")).EnsureSuccessStatusCode();
            }
            SqliteConnection.ClearAllPools();
        }

        public Task DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        }

        /// <summary>A consistent copy of the store (SQLite backup), with the protecting triggers dropped.</summary>
        public TamperedCopy Copy()
        {
            var path = Path.Combine(Path.GetTempPath(), "spbe-tamper-" + Guid.NewGuid().ToString("N") + ".db");
            using (var source = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False"))
            using (var target = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
            }
            var copy = new TamperedCopy(path);
            foreach (var trigger in AuditSchema.ProtectingTriggers)
                copy.Execute($"DROP TRIGGER {trigger}");
            return copy;
        }
    }

    public sealed class TamperedCopy(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Execute(string sql, params (string Name, object Value)[] parameters)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value);
            command.ExecuteNonQuery();
        }

        public T Scalar<T>(string sql)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (T)command.ExecuteScalar()!;
        }

        public string ReadRecord(long seq)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT record FROM audit_records WHERE seq = $s";
            command.Parameters.AddWithValue("$s", seq);
            return Encoding.UTF8.GetString((byte[])command.ExecuteScalar()!);
        }

        public long Count() => Scalar<long>("SELECT COUNT(*) FROM audit_records");

        private SqliteConnection Open()
        {
            var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
            connection.Open();
            return connection;
        }

        public void Dispose()
        {
            try { File.Delete(Path); } catch (IOException) { }
        }
    }
}
