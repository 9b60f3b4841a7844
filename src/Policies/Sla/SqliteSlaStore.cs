using Microsoft.Data.Sqlite;

namespace SpbeConnector.Policies.Sla;

/// <summary>
/// The per-minute counts in a small SQLite file of their own (<c>{data}/sla/sla.db</c>), apart from the registry so
/// that its migrations stay untouched: at most 43,200 rows per API for 30 days.
/// </summary>
public sealed class SqliteSlaStore : ISlaStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteSlaStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS sla_buckets (
                api TEXT NOT NULL,
                opd TEXT NOT NULL,
                minute INTEGER NOT NULL,
                total INTEGER NOT NULL,
                failed INTEGER NOT NULL,
                slow INTEGER NOT NULL,
                PRIMARY KEY (api, minute)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS sla_buckets_minute ON sla_buckets (minute);
            """;
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    public async Task AddAsync(IReadOnlyCollection<SlaBucket> buckets, CancellationToken ct)
    {
        if (buckets.Count == 0)
            return;
        await _gate.WaitAsync(ct);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO sla_buckets (api, opd, minute, total, failed, slow) VALUES ($api, $opd, $minute, $total, $failed, $slow)
                ON CONFLICT (api, minute) DO UPDATE SET opd = excluded.opd, total = total + excluded.total,
                    failed = failed + excluded.failed, slow = slow + excluded.slow
                """;
            var api = command.Parameters.Add("$api", SqliteType.Text);
            var opd = command.Parameters.Add("$opd", SqliteType.Text);
            var minute = command.Parameters.Add("$minute", SqliteType.Integer);
            var total = command.Parameters.Add("$total", SqliteType.Integer);
            var failed = command.Parameters.Add("$failed", SqliteType.Integer);
            var slow = command.Parameters.Add("$slow", SqliteType.Integer);
            foreach (var bucket in buckets)
            {
                api.Value = bucket.ApiPath;
                opd.Value = bucket.OpdCode;
                minute.Value = bucket.Minute;
                total.Value = bucket.Counts.Total;
                failed.Value = bucket.Counts.Failed;
                slow.Value = bucket.Counts.Slow;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SlaCounts> SumApiSinceAsync(string apiPath, long fromMinute, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(SUM(total), 0), COALESCE(SUM(failed), 0), COALESCE(SUM(slow), 0) FROM sla_buckets WHERE api = $api AND minute >= $from";
            command.Parameters.AddWithValue("$api", apiPath);
            command.Parameters.AddWithValue("$from", fromMinute);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new SlaCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<SlaApiTotal>> SumSinceAsync(long fromMinute, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            // The OPD of the newest minute: an API's path names its OPD, so it cannot really change, but MAX keeps
            // the query deterministic.
            command.CommandText = """
                SELECT api, MAX(opd), SUM(total), SUM(failed), SUM(slow) FROM sla_buckets
                WHERE minute >= $from GROUP BY api ORDER BY api
                """;
            command.Parameters.AddWithValue("$from", fromMinute);
            using var reader = command.ExecuteReader();
            var totals = new List<SlaApiTotal>();
            while (reader.Read())
                totals.Add(new SlaApiTotal(reader.GetString(0), reader.GetString(1), new SlaCounts(reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4))));
            return totals;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task PruneAsync(long beforeMinute, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM sla_buckets WHERE minute < $before";
            command.Parameters.AddWithValue("$before", beforeMinute);
            command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
