using Npgsql;

namespace SpbeConnector.Audit.Storage;

/// <summary>
/// The writer's claim on a PostgreSQL audit log: a session-level advisory lock named after the log's schema, held on a
/// connection of its own (not pooled, so that closing it is what releases the lock) for as long as the log writes.
/// PostgreSQL drops it with the session, so a node killed outright frees its log as soon as its connection is gone.
/// Two nodes configured with the same <c>Audit:NodeId</c> (one schema) are thus refused at start instead of appending
/// to one log in turn.
/// </summary>
internal sealed class PostgresWriterLease : IDisposable
{
    private const string TryLock = "SELECT pg_try_advisory_lock(hashtext(@key))";
    private const string Unlock = "SELECT pg_advisory_unlock(hashtext(@key))";

    private readonly NpgsqlConnection _connection;
    private readonly string _key;

    private PostgresWriterLease(NpgsqlConnection connection, string key)
    {
        _connection = connection;
        _key = key;
    }

    public static PostgresWriterLease Acquire(string connectionString, string schema, string location)
    {
        // Keepalive: a peer that vanished without closing its connection must not keep the log for hours.
        var own = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ToString();
        var key = "spbe-audit-writer:" + schema;
        var connection = new NpgsqlConnection(own);
        try
        {
            connection.Open();
            using var command = new NpgsqlCommand(TryLock, connection);
            command.Parameters.AddWithValue("key", key);
            if (command.ExecuteScalar() is true)
                return new PostgresWriterLease(connection, key);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        connection.Dispose();
        throw new AuditWriterLeaseTakenException(location);
    }

    public void Dispose()
    {
        try
        {
            using var command = new NpgsqlCommand(Unlock, _connection);
            command.Parameters.AddWithValue("key", _key);
            command.ExecuteScalar();
        }
        catch (NpgsqlException)
        {
            // The session is gone already, and the lock with it.
        }
        _connection.Dispose();
    }
}
