using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Cluster;

/// <summary>One real PostgreSQL and one real Redis for the cluster tests; each test takes a database of its own.</summary>
public sealed class ClusterServers : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A fresh database; its connection string.</summary>
    public Task<string> NewDatabaseAsync() => Postgres.CreateDatabaseAsync("spbe_" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The settings of a gateway node on <paramref name="database"/> and this Redis.</summary>
    public Dictionary<string, string?> NodeSettings(string database) => new()
    {
        ["Registry:Provider"] = "PostgreSql",
        ["ConnectionStrings:Registry"] = database,
        ["AntiAutomation:Redis"] = Redis.ConnectionString,
        ["AntiAutomation:Detection:Enabled"] = "false",
        // Behind one load balancer every node is the same authorization server: one issuer, one audience per API.
        ["OAuth:Issuer"] = "https://spbe-cluster.test",
        // The notices do the work; a slow poll shows that they, not the poll, meet the 2 s.
        ["Registry:ChangePollInterval"] = "00:00:05",
    };
}

/// <summary>
/// Runs alone, after the other tests: several gateways and a database at once would slow the timing tests of other
/// classes (hot reload within a second), and theirs would slow the 2 s propagation measured here.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterServers>
{
    public const string Name = "Cluster";
}
