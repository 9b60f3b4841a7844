using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The one writing connection of the SQLite audit store, with its statements prepared once. Used only by the log's
/// writer thread, synchronously: each call is one transaction that is flushed to disk (<c>synchronous=FULL</c>)
/// before it returns.
/// </summary>
internal sealed class SqliteAuditStoreWriter : IAuditStoreWriter
{
    /// <summary>The sequence number the store takes next, as its append-only trigger computes it.</summary>
    internal const string NextSeqQuery =
        "SELECT COALESCE((SELECT MAX(seq) FROM audit_records) + 1, (SELECT MAX(archived_before) FROM audit_archives), 0)";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertRecord;
    private readonly SqliteCommand _insertNode;
    private readonly SqliteCommand _nextSeq;
    private readonly SqliteParameter[] _record;
    private readonly SqliteParameter[] _node;

    public SqliteAuditStoreWriter(string connectionString)
    {
        // A short busy timeout: the writer is the only writer, so waiting long only delays the retry loop.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 5 }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");

        _insertRecord = _connection.CreateCommand();
        _insertRecord.CommandText = """
            INSERT INTO audit_records (seq, time_ms, type, request_id, client_id, client_opd, api, api_opd, status, refused_by, record, leaf_hash)
            VALUES ($seq, $time, $type, $request, $client, $clientOpd, $api, $apiOpd, $status, $refusedBy, $record, $leaf)
            """;
        _record = new[] { "$seq", "$time", "$type", "$request", "$client", "$clientOpd", "$api", "$apiOpd", "$status", "$refusedBy", "$record", "$leaf" }
            .Select(n => _insertRecord.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

        _nextSeq = _connection.CreateCommand();
        _nextSeq.CommandText = NextSeqQuery;

        _insertNode = _connection.CreateCommand();
        _insertNode.CommandText = "INSERT INTO audit_nodes (level, idx, hash) VALUES ($level, $idx, $hash)";
        _node = new[] { "$level", "$idx", "$hash" }.Select(n => _insertNode.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
    }

    public void AppendRecords(IReadOnlyList<AuditRecordRow> records, IReadOnlyList<MerkleSubtree> nodes)
    {
        // BEGIN IMMEDIATE: the check below and the inserts see the same store.
        using var tx = _connection.BeginTransaction(deferred: false);
        if (records.Count > 0)
        {
            _nextSeq.Transaction = tx;
            var next = Convert.ToInt64(_nextSeq.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (next != records[0].Seq)
                throw new AuditStoreChangedException(_connection.DataSource, records[0].Seq, next);
        }
        _insertRecord.Transaction = tx;
        _insertNode.Transaction = tx;
        foreach (var r in records)
        {
            _record[0].Value = r.Seq;
            _record[1].Value = r.TimeMs;
            _record[2].Value = r.Type;
            _record[3].Value = (object?)r.RequestId ?? DBNull.Value;
            _record[4].Value = (object?)r.ClientId ?? DBNull.Value;
            _record[5].Value = (object?)r.ClientOpd ?? DBNull.Value;
            _record[6].Value = (object?)r.Api ?? DBNull.Value;
            _record[7].Value = (object?)r.ApiOpd ?? DBNull.Value;
            _record[8].Value = (object?)r.Status ?? DBNull.Value;
            _record[9].Value = (object?)r.RefusedBy ?? DBNull.Value;
            _record[10].Value = r.Record;
            _record[11].Value = r.LeafHash;
            _insertRecord.ExecuteNonQuery();
        }
        foreach (var n in nodes)
        {
            _node[0].Value = n.Level;
            _node[1].Value = n.Index;
            _node[2].Value = n.Hash;
            _insertNode.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public void AppendCheckpoint(StoredCheckpoint c) => Execute(
        "INSERT INTO audit_checkpoints (id, tree_size, root_hash, time_ms, key_id, note, frontier) VALUES ($a, $b, $c, $d, $e, $f, $g)",
        c.Id, c.TreeSize, c.RootHash, c.TimeMs, c.KeyId, c.Note, c.Frontier);

    public void AppendTimestamp(StoredTimestamp t) => Execute(
        "INSERT OR IGNORE INTO audit_timestamps (checkpoint_id, token, time_ms, authority) VALUES ($a, $b, $c, $d)",
        t.CheckpointId, t.Token, t.TimeMs, t.Authority);

    public bool RegisterKey(StoredKey k) => Execute(
        "INSERT OR IGNORE INTO audit_keys (key_id, purpose, public_key, certificate, created_ms) VALUES ($a, $b, $c, $d, $e)",
        k.KeyId, k.Purpose, k.SubjectPublicKeyInfo, k.Certificate, k.CreatedMs) > 0;

    public void CompleteArchive(StoredArchive a)
    {
        Execute("INSERT INTO audit_archives (id, archived_from, archived_before, file_name, file_sha256, checkpoint_id, time_ms) VALUES ($a, $b, $c, $d, $e, $f, $g)",
            a.Id, a.ArchivedFrom, a.ArchivedBefore, a.FileName, a.FileSha256, a.CheckpointId, a.TimeMs);
        // Small transactions, so that the log's own writer never waits long for the store.
        while (Execute("DELETE FROM audit_records WHERE seq IN (SELECT seq FROM audit_records WHERE seq < $a ORDER BY seq LIMIT 5000)", a.ArchivedBefore) > 0)
        {
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Reviewed: the SQL text is composed in the code from constants; every value goes in as a parameter.")]
    private int Execute(string sql, params object?[] values)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i] ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insertRecord.Dispose();
        _insertNode.Dispose();
        _nextSeq.Dispose();
        _connection.Dispose();
    }
}
