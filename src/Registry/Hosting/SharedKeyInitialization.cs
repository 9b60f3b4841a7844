using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.OAuth;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.Hosting;

/// <summary>
/// Creates the first Data Protection key and the first token-signing key of a new shared store one node at a time
/// (a PostgreSQL advisory lock). Nodes started together on an empty database would otherwise each create their own
/// Data Protection key, and a node that loaded its key ring before another's key existed could not decrypt that
/// node's signing key, refusing its tokens until the ring's daily refresh.
/// </summary>
internal static class SharedKeyInitialization
{
    /// <summary>Any constant: the advisory lock's name within the database.</summary>
    private const long LockId = 0x5350_4245_4B45_59; // "SPBEKEY"

    public static async Task InitializeSharedKeysAsync(this IServiceProvider services, RegistryDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({LockId})", ct);
            // The first use loads the key ring from the store, creating (and storing) a key only if there is none.
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SpbeConnector.Startup").Protect([1]);
            await services.GetRequiredService<SigningKeyRing>().ApplyScheduleAsync(ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({LockId})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
