using SpbeConnector.Audit.Receipts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpbeConnector.Audit;
using SpbeConnector.Audit.Checkpoints;
using SpbeConnector.Audit.Hosting;
using SpbeConnector.Audit.Keys;
using SpbeConnector.Audit.Logging;
using SpbeConnector.Audit.Records;
using SpbeConnector.Audit.Storage;
using SpbeConnector.Audit.Time;

namespace SpbeConnector.Audit.Tests.Logging;

/// <summary>An audit log on its own (no gateway) over a temporary directory, started and stopped as the host does.</summary>
public sealed class AuditLogHarness : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private AuditLogHarness(string directory, bool owns, AuditOptions options, AuditKeys keys, AuditLog log, SqliteAuditStore store)
    {
        Directory = directory;
        _ownsDirectory = owns;
        Options = options;
        Keys = keys;
        Log = log;
        Store = store;
    }

    public string Directory { get; }
    public AuditOptions Options { get; }
    public AuditKeys Keys { get; }
    public AuditLog Log { get; }
    public SqliteAuditStore Store { get; }
    public string StorePath => Path.Combine(Directory, "audit", AuditPaths.StoreFileName);

    public static async Task<AuditLogHarness> StartAsync(string? directory = null, Action<AuditOptions>? configure = null)
    {
        var owns = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "spbe-audit-" + Guid.NewGuid().ToString("N"));
        var options = new AuditOptions { NodeId = "test-node", CheckpointInterval = TimeSpan.FromHours(1) };
        configure?.Invoke(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var paths = new AuditPaths(options, directory);
        var keys = AuditKeys.Load(options, paths.Keys, TimeProvider.System);
        var store = new SqliteAuditStore(paths.Store);
        var clock = new AuditClock(TimeProvider.System, wrapped, NullLogger<AuditClock>.Instance);
        var log = new AuditLog(store, keys, new ControlEventRecord(clock, wrapped), wrapped, TimeProvider.System, NullLogger<AuditLog>.Instance,
            new CheckpointTimestamper(new HttpClient(), wrapped, TimeProvider.System, NullLogger<CheckpointTimestamper>.Instance), clock,
            new TreeHeadSigner(keys, wrapped, TimeProvider.System, NullLogger<TreeHeadSigner>.Instance));
        await log.StartAsync(CancellationToken.None);
        return new AuditLogHarness(directory, owns, options, keys, log, store);
    }

    /// <summary>Leaves the log as a killed process would: no stop record, no final checkpoint (the writer thread idles on).</summary>
    public void Abandon() => _abandoned = true;

    private bool _abandoned;

    /// <summary>Stops the log cleanly (stop record, final checkpoint).</summary>
    public async Task StopAsync() => await Log.StopAsync(CancellationToken.None);

    public SqliteConnection OpenStore()
    {
        var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_abandoned)
            return;
        try
        {
            await Log.StopAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
        }
        Log.Dispose();
        Keys.Dispose();
        SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }
}
