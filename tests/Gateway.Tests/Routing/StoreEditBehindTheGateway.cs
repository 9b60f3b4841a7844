using Microsoft.Data.Sqlite;
using SpbeConnector.TestSupport;

namespace SpbeConnector.Gateway.Tests.Routing;

/// <summary>A change another process (a node sharing the store, the command line) writes to the registry's store directly.</summary>
internal static class StoreEditBehindTheGateway
{
    /// <summary>Retires the API and bumps the configuration version, as another process's write would.</summary>
    public static async Task RetireAsync(TestGateway gateway, Guid api)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "registry.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE apis SET Status = 'Retired' WHERE Id = $id; UPDATE registry_state SET ConfigVersion = ConfigVersion + 1;";
        command.Parameters.AddWithValue("$id", api.ToString().ToUpperInvariant());
        Assert.Equal(2, await command.ExecuteNonQueryAsync());
    }
}
