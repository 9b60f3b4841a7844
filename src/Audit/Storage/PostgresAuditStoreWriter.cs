using System.Diagnostics.CodeAnalysis;
using Npgsql;
using NpgsqlTypes;
using SpbeConnector.Audit.Tree;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The one writing connection of the PostgreSQL audit store, used only by the log's writer thread, synchronously. A
/// group of records and the tree nodes they complete go in one transaction and one round trip (a batch). A failed call
/// drops the connection, so the log's retry opens a fresh one once PostgreSQL answers again.
/// </summary>
internal sealed class PostgresAuditStoreWriter(string connectionString) : IAuditStoreWriter
{
    private const string InsertRecord =
        "INSERT INTO audit_records (seq, time_ms, type, request_id, client_id, client_opd, api, api_opd, status, refused_by, record, leaf_hash) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private const string InsertNode = "INSERT INTO audit_nodes (level, idx, hash) VALUES ($1, $2, $3)";

    private NpgsqlConnection? _connection;

    public void AppendRecords(IReadOnlyList<AuditRecordRow> records, IReadOnlyList<MerkleSubtree> nodes) => Run(connection =>
    {
        using var tx = connection.BeginTransaction();
        if (records.Count > 0)
        {
            using var check = new NpgsqlCommand(SqliteAuditStoreWriter.NextSeqQuery, connection, tx);
            var next = Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (next != records[0].Seq)
                throw new AuditStoreChangedException(connection.Database ?? "PostgreSQL", records[0].Seq, next);
        }
        using var batch = new NpgsqlBatch(connection, tx);
        foreach (var r in records)
        {
            var command = new NpgsqlBatchCommand(InsertRecord);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.Seq });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.TimeMs });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Type });
            command.Parameters.Add(Text(r.RequestId));
            command.Parameters.Add(Text(r.ClientId));
            command.Parameters.Add(Text(r.ClientOpd));
            command.Parameters.Add(Text(r.Api));
            command.Parameters.Add(Text(r.ApiOpd));
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)r.Status ?? DBNull.Value });
            command.Parameters.Add(Text(r.RefusedBy));
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = r.Record });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = r.LeafHash });
            batch.BatchCommands.Add(command);
        }
        foreach (var n in nodes)
        {
            var command = new NpgsqlBatchCommand(InsertNode);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = n.Level });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = n.Index });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = n.Hash });
            batch.BatchCommands.Add(command);
        }
        batch.ExecuteNonQuery();
        tx.Commit();
        return 0;
    });

    public void AppendCheckpoint(StoredCheckpoint c) => Execute(
        "INSERT INTO audit_checkpoints (id, tree_size, root_hash, time_ms, key_id, note, frontier) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        c.Id, c.TreeSize, c.RootHash, c.TimeMs, c.KeyId, c.Note, c.Frontier);

    public void AppendTimestamp(StoredTimestamp t) => Execute(
        "INSERT INTO audit_timestamps (checkpoint_id, token, time_ms, authority) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        t.CheckpointId, t.Token, t.TimeMs, t.Authority);

    public bool RegisterKey(StoredKey k) => Execute(
        "INSERT INTO audit_keys (key_id, purpose, public_key, certificate, created_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        k.KeyId, k.Purpose, k.SubjectPublicKeyInfo, k.Certificate, k.CreatedMs) > 0;

    public void CompleteArchive(StoredArchive a)
    {
        Execute("INSERT INTO audit_archives (id, archived_from, archived_before, file_name, file_sha256, checkpoint_id, time_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            a.Id, a.ArchivedFrom, a.ArchivedBefore, a.FileName, a.FileSha256, a.CheckpointId, a.TimeMs);
        // Small transactions, so that the log's own writer never waits long for the store.
        while (Execute("DELETE FROM audit_records WHERE seq IN (SELECT seq FROM audit_records WHERE seq < $1 ORDER BY seq LIMIT 5000)", a.ArchivedBefore) > 0)
        {
        }
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Reviewed: the SQL text is composed in the code from constants; every value goes in as a parameter.")]
    private int Execute(string sql, params object?[] values) => Run(connection =>
    {
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command.ExecuteNonQuery();
    });

    private int Run(Func<NpgsqlConnection, int> work)
    {
        try
        {
            if (_connection is null)
            {
                _connection = new NpgsqlConnection(connectionString);
                _connection.Open();
            }
            return work(_connection);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            if (ex is not PostgresException)
            {
                _connection?.Dispose();
                _connection = null;
            }
            throw;
        }
    }

    public void Dispose() => _connection?.Dispose();
}
