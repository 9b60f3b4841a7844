using Microsoft.Data.Sqlite;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// The counts of plans' limits and quotas on disk, one row per subject, rule and window, in a SQLite file of the data
/// directory (<c>rate-limits.db</c>). Only the gateway process that holds the data directory writes it. WAL with
/// <c>synchronous=NORMAL</c>: a committed flush survives the process being killed; only a power loss may lose the last.
/// </summary>
public sealed class RateLimitCounterStore : IDisposable
{
    public const string FileName = "rate-limits.db";

    private readonly SqliteConnection _connection;

    public RateLimitCounterStore(string path)
    {
        Path = path;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS rate_limit_windows (
                subject TEXT NOT NULL,
                rule TEXT NOT NULL,
                window_start INTEGER NOT NULL,
                window_end INTEGER NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (subject, rule)
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    /// <summary>The windows still open at <paramref name="nowMs"/>.</summary>
    public List<(string Subject, string Rule, long Start, long End, long Count)> Load(long nowMs)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT subject, rule, window_start, window_end, count FROM rate_limit_windows WHERE window_end > $now";
        command.Parameters.AddWithValue("$now", nowMs);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, long, long, long)>();
        while (reader.Read())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        return rows;
    }

    /// <summary>Saves windows (each replaces the subject's previous window of the same rule) and drops those ended, in one transaction.</summary>
    public void Save(IEnumerable<(string Subject, string Rule, long Start, long End, long Count)> windows, long nowMs)
    {
        using var tx = _connection.BeginTransaction();
        using var upsert = _connection.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = """
            INSERT INTO rate_limit_windows (subject, rule, window_start, window_end, count) VALUES ($subject, $rule, $start, $end, $count)
            ON CONFLICT (subject, rule) DO UPDATE SET window_start = excluded.window_start, window_end = excluded.window_end, count = excluded.count
            """;
        var subject = upsert.Parameters.Add("$subject", SqliteType.Text);
        var rule = upsert.Parameters.Add("$rule", SqliteType.Text);
        var start = upsert.Parameters.Add("$start", SqliteType.Integer);
        var end = upsert.Parameters.Add("$end", SqliteType.Integer);
        var count = upsert.Parameters.Add("$count", SqliteType.Integer);
        foreach (var window in windows)
        {
            subject.Value = window.Subject;
            rule.Value = window.Rule;
            start.Value = window.Start;
            end.Value = window.End;
            count.Value = window.Count;
            upsert.ExecuteNonQuery();
        }
        using var expire = _connection.CreateCommand();
        expire.Transaction = tx;
        expire.CommandText = "DELETE FROM rate_limit_windows WHERE window_end <= $now";
        expire.Parameters.AddWithValue("$now", nowMs);
        expire.ExecuteNonQuery();
        tx.Commit();
    }

    public void Dispose() => _connection.Dispose();
}
