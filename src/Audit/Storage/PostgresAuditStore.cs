using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The audit log on PostgreSQL (<c>Audit:Store=PostgreSql</c>), in a schema of the node's own (one log, one sequence
/// per node, as with SQLite), protected by PostgreSQL's own triggers (<see cref="PostgresAuditSchema"/>). Reads with
/// Dapper; the writer keeps one connection with auto-prepared statements. A commit is durable when it returns
/// (<c>synchronous_commit</c> as the server is configured, on by default).
/// </summary>
public sealed class PostgresAuditStore : IAuditStore
{
    private const string RecordSelect =
        "SELECT seq AS Seq, time_ms AS TimeMs, type AS Type, request_id AS RequestId, client_id AS ClientId, client_opd AS ClientOpd, " +
        "api AS Api, api_opd AS ApiOpd, status AS Status, refused_by AS RefusedBy, record AS Record, leaf_hash AS LeafHash FROM audit_records";

    private const string CheckpointSelect =
        "SELECT id AS Id, tree_size AS TreeSize, root_hash AS RootHash, time_ms AS TimeMs, key_id AS KeyId, note AS Note, frontier AS Frontier FROM audit_checkpoints";

    private readonly string _connectionString;
    private readonly string _schema;

    public PostgresAuditStore(string connectionString, string schema)
    {
        _schema = schema;
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema, MaxAutoPrepare = 32 }.ToString();
        Location = $"PostgreSQL schema {schema} on {new NpgsqlConnectionStringBuilder(connectionString).Host}";
    }

    public string Location { get; }

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // Up to date: no DDL at all, so that the gateway can run as a role that owns nothing and has no CREATE
        // privilege (it then cannot disable the append-only triggers either).
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('audit_schema') IS NOT NULL", cancellationToken: ct)))
        {
            var current = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM audit_schema", cancellationToken: ct))).ToHashSet();
            if (PostgresAuditSchema.Migrations.All(m => current.Contains(m.Version)))
                return;
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        // One migrator at a time per schema (a node restarting while its old process still stops).
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@schema))", new { schema = _schema }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition($"CREATE SCHEMA IF NOT EXISTS \"{_schema}\"", transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS audit_schema (version integer PRIMARY KEY, name text NOT NULL, applied_ms bigint NOT NULL)", transaction: tx, cancellationToken: ct));
        var applied = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM audit_schema", transaction: tx, cancellationToken: ct))).ToHashSet();
        foreach (var migration in PostgresAuditSchema.Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("INSERT INTO audit_schema (version, name, applied_ms) VALUES (@Version, @Name, @Now)",
                new { migration.Version, migration.Name, Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
    }

    public IAuditStoreWriter OpenWriter() => new PostgresAuditStoreWriter(_connectionString);

    public IDisposable AcquireWriterLease() => PostgresWriterLease.Acquire(_connectionString, _schema, Location);

    public async Task<AuditRecordRow?> GetRecordAsync(long seq, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AuditRecordRow>(new CommandDefinition($"{RecordSelect} WHERE seq = @seq", new { seq }, cancellationToken: ct));
    }

    public async IAsyncEnumerable<AuditRecordRow> ReadRecordsAsync(long fromSeq, long? toSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        // In pages, so that reading a long log (verification, archives) holds neither the whole log nor one long query.
        const int page = 1000;
        var next = fromSeq;
        while (true)
        {
            IEnumerable<AuditRecordRow> rows;
            await using (var connection = await OpenAsync(ct))
                rows = await connection.QueryAsync<AuditRecordRow>(new CommandDefinition(
                    $"{RecordSelect} WHERE seq >= @next AND (@to::bigint IS NULL OR seq < @to) ORDER BY seq LIMIT {page}", new { next, to = toSeq }, cancellationToken: ct));
            var count = 0;
            foreach (var row in rows)
            {
                count++;
                next = row.Seq + 1;
                yield return row;
            }
            if (count < page)
                yield break;
        }
    }

    public async IAsyncEnumerable<AuditRecordRow> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var where = AuditQueryFilter.Where(query, '@', "position({0} in record) > 0", (name, value) => parameters.Add(name, value));
        parameters.Add("limit", query.Limit);
        IEnumerable<AuditRecordRow> rows;
        await using (var connection = await OpenAsync(ct))
            rows = await connection.QueryAsync<AuditRecordRow>(new CommandDefinition($"{RecordSelect} {where} ORDER BY seq{(query.NewestFirst ? " DESC" : "")} LIMIT @limit", parameters, cancellationToken: ct));
        foreach (var row in rows)
            yield return row;
    }

    public async Task<long> GetNextSeqAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE((SELECT MAX(seq) FROM audit_records) + 1, (SELECT MAX(archived_before) FROM audit_archives), 0)", cancellationToken: ct));
    }

    public Task<IReadOnlyList<byte[]>> ReadLeafHashesAsync(long fromSeq, int count, CancellationToken ct) =>
        QueryListAsync<byte[]>("SELECT leaf_hash FROM audit_records WHERE seq >= @from AND seq < @to ORDER BY seq", new { from = fromSeq, to = fromSeq + count }, ct);

    public Task<IReadOnlyList<byte[]>> ReadNodesAsync(int level, long fromIndex, int count, CancellationToken ct) =>
        QueryListAsync<byte[]>("SELECT hash FROM audit_nodes WHERE level = @level AND idx >= @from AND idx < @to ORDER BY idx",
            new { level, from = fromIndex, to = fromIndex + count }, ct);

    public Task<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(long afterId, int limit, CancellationToken ct) =>
        QueryListAsync<StoredCheckpoint>($"{CheckpointSelect} WHERE id > @afterId ORDER BY id LIMIT @limit", new { afterId, limit }, ct);

    public async Task<StoredCheckpoint?> GetCheckpointAsync(long id, CancellationToken ct) =>
        (await QueryListAsync<StoredCheckpoint>($"{CheckpointSelect} WHERE id = @id", new { id }, ct)).FirstOrDefault();

    public async Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken ct) =>
        (await QueryListAsync<StoredCheckpoint>($"{CheckpointSelect} ORDER BY id DESC LIMIT 1", null, ct)).FirstOrDefault();

    public async Task<StoredCheckpoint?> FindCheckpointBySizeAsync(long treeSize, CancellationToken ct) =>
        (await QueryListAsync<StoredCheckpoint>($"{CheckpointSelect} WHERE tree_size = @treeSize ORDER BY id LIMIT 1", new { treeSize }, ct)).FirstOrDefault();

    public Task<IReadOnlyList<StoredTimestamp>> ListTimestampsAsync(long fromCheckpointId, long toCheckpointId, CancellationToken ct) =>
        QueryListAsync<StoredTimestamp>(
            "SELECT checkpoint_id AS CheckpointId, token AS Token, time_ms AS TimeMs, authority AS Authority FROM audit_timestamps " +
            "WHERE checkpoint_id >= @fromId AND checkpoint_id <= @toId ORDER BY checkpoint_id", new { fromId = fromCheckpointId, toId = toCheckpointId }, ct);

    public Task<IReadOnlyList<StoredKey>> ListKeysAsync(CancellationToken ct) =>
        QueryListAsync<StoredKey>(
            "SELECT key_id AS KeyId, purpose AS Purpose, public_key AS SubjectPublicKeyInfo, certificate AS Certificate, created_ms AS CreatedMs " +
            "FROM audit_keys ORDER BY created_ms, key_id", null, ct);

    public Task<IReadOnlyList<StoredArchive>> ListArchivesAsync(CancellationToken ct) =>
        QueryListAsync<StoredArchive>(
            "SELECT id AS Id, archived_from AS ArchivedFrom, archived_before AS ArchivedBefore, file_name AS FileName, file_sha256 AS FileSha256, " +
            "checkpoint_id AS CheckpointId, time_ms AS TimeMs FROM audit_archives ORDER BY id", null, ct);

    private async Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
