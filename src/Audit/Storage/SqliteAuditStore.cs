using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The audit log in its own SQLite file (<c>audit.db</c> under the data directory), separate from the registry so that
/// its protection, retention and backup are its own. Write-ahead logging with <c>synchronous=FULL</c>: a commit is on
/// disk when it returns. Opened read-only for offline verification, so checking a log never changes it.
/// </summary>
public sealed class SqliteAuditStore : IAuditStore
{
    private readonly string _connectionString;
    private readonly string _path;

    public SqliteAuditStore(string path, bool readOnly = false)
    {
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Location => _path;

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Reviewed: the SQL text is composed in the code from constants; every value goes in as a parameter.")]
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", ct);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS audit_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL);", ct);
        var applied = new HashSet<long>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version FROM audit_schema";
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                applied.Add(reader.GetInt64(0));
        }
        foreach (var migration in AuditSchema.Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = migration.Sql;
                await command.ExecuteNonQueryAsync(ct);
            }
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO audit_schema (version, name, applied_ms) VALUES ($v, $n, $t)";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    public IAuditStoreWriter OpenWriter() => new SqliteAuditStoreWriter(_connectionString);

    /// <summary>
    /// Nothing to take here: the SQLite log lives in the data directory, and the server holds that directory's lock
    /// (the gateway's <c>DataDirectoryLock</c>), which already makes it the only writer.
    /// </summary>
    public IDisposable AcquireWriterLease() => NoWriterLease.Instance;

    public async Task<AuditRecordRow?> GetRecordAsync(long seq, CancellationToken ct)
    {
        await foreach (var row in ReadRecordsAsync(seq, seq + 1, ct))
            return row;
        return null;
    }

    public async IAsyncEnumerable<AuditRecordRow> ReadRecordsAsync(long fromSeq, long? toSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RecordColumns} FROM audit_records WHERE seq >= $from AND ($to IS NULL OR seq < $to) ORDER BY seq";
        command.Parameters.AddWithValue("$from", fromSeq);
        command.Parameters.AddWithValue("$to", (object?)toSeq ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return ReadRecord(reader);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Reviewed: the SQL text is composed in the code from constants; every value goes in as a parameter.")]
    public async IAsyncEnumerable<AuditRecordRow> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = AuditQueryFilter.Where(query, '$', "instr(record, {0}) > 0", (name, value) => command.Parameters.AddWithValue("$" + name, value));
        command.CommandText = $"SELECT {RecordColumns} FROM audit_records {where} ORDER BY seq{(query.NewestFirst ? " DESC" : "")} LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return ReadRecord(reader);
    }

    public async Task<long> GetNextSeqAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE((SELECT MAX(seq) FROM audit_records) + 1, (SELECT MAX(archived_before) FROM audit_archives), 0)";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<byte[]>> ReadLeafHashesAsync(long fromSeq, int count, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT leaf_hash FROM audit_records WHERE seq >= $from AND seq < $to ORDER BY seq";
        command.Parameters.AddWithValue("$from", fromSeq);
        command.Parameters.AddWithValue("$to", fromSeq + count);
        return await ReadBlobsAsync(command, ct);
    }

    public async Task<IReadOnlyList<byte[]>> ReadNodesAsync(int level, long fromIndex, int count, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT hash FROM audit_nodes WHERE level = $level AND idx >= $from AND idx < $to ORDER BY idx";
        command.Parameters.AddWithValue("$level", level);
        command.Parameters.AddWithValue("$from", fromIndex);
        command.Parameters.AddWithValue("$to", fromIndex + count);
        return await ReadBlobsAsync(command, ct);
    }

    public Task<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(long afterId, int limit, CancellationToken ct) =>
        QueryCheckpointsAsync("WHERE id > $a ORDER BY id LIMIT $b", afterId, limit, ct);

    public async Task<StoredCheckpoint?> GetCheckpointAsync(long id, CancellationToken ct) =>
        (await QueryCheckpointsAsync("WHERE id = $a LIMIT $b", id, 1, ct)).FirstOrDefault();

    public async Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken ct) =>
        (await QueryCheckpointsAsync("WHERE $a = $a ORDER BY id DESC LIMIT $b", 0, 1, ct)).FirstOrDefault();

    public async Task<StoredCheckpoint?> FindCheckpointBySizeAsync(long treeSize, CancellationToken ct) =>
        (await QueryCheckpointsAsync("WHERE tree_size = $a ORDER BY id LIMIT $b", treeSize, 1, ct)).FirstOrDefault();

    public async Task<IReadOnlyList<StoredTimestamp>> ListTimestampsAsync(long fromCheckpointId, long toCheckpointId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT checkpoint_id, token, time_ms, authority FROM audit_timestamps WHERE checkpoint_id >= $a AND checkpoint_id <= $b ORDER BY checkpoint_id";
        command.Parameters.AddWithValue("$a", fromCheckpointId);
        command.Parameters.AddWithValue("$b", toCheckpointId);
        var list = new List<StoredTimestamp>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new StoredTimestamp(reader.GetInt64(0), (byte[])reader[1], reader.GetInt64(2), reader.GetString(3)));
        return list;
    }

    public async Task<IReadOnlyList<StoredKey>> ListKeysAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_id, purpose, public_key, certificate, created_ms FROM audit_keys ORDER BY created_ms, key_id";
        var list = new List<StoredKey>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new StoredKey(reader.GetString(0), reader.GetString(1), (byte[])reader[2], reader.IsDBNull(3) ? null : (byte[])reader[3], reader.GetInt64(4)));
        return list;
    }

    public async Task<IReadOnlyList<StoredArchive>> ListArchivesAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, archived_from, archived_before, file_name, file_sha256, checkpoint_id, time_ms FROM audit_archives ORDER BY id";
        var list = new List<StoredArchive>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new StoredArchive(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), (byte[])reader[4], reader.GetInt64(5), reader.GetInt64(6)));
        return list;
    }

    internal const string RecordColumns = "seq, time_ms, type, request_id, client_id, client_opd, api, api_opd, status, refused_by, record, leaf_hash";

    internal static AuditRecordRow ReadRecord(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetInt32(8),
        r.IsDBNull(9) ? null : r.GetString(9), (byte[])r[10], (byte[])r[11]);

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Reviewed: the SQL text is composed in the code from constants; every value goes in as a parameter.")]
    private async Task<IReadOnlyList<StoredCheckpoint>> QueryCheckpointsAsync(string clause, long a, long b, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, tree_size, root_hash, time_ms, key_id, note, frontier FROM audit_checkpoints {clause}";
        command.Parameters.AddWithValue("$a", a);
        command.Parameters.AddWithValue("$b", b);
        var list = new List<StoredCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new StoredCheckpoint(reader.GetInt64(0), reader.GetInt64(1), (byte[])reader[2], reader.GetInt64(3), reader.GetString(4), reader.GetString(5), (byte[])reader[6]));
        return list;
    }

    private static async Task<IReadOnlyList<byte[]>> ReadBlobsAsync(SqliteCommand command, CancellationToken ct)
    {
        var list = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add((byte[])reader[0]);
        return list;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Reviewed: the SQL text is composed in the code from constants; every value goes in as a parameter.")]
    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
