using Microsoft.EntityFrameworkCore;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// Saves a change together with the bump of the registry's versions, in one transaction, with the increment done by
/// the database (<c>SET v = v + 1</c>): two nodes changing the shared store at once both count, where a read-then-write
/// of the version would let one overwrite the other and leave a change unnoticed by the other nodes.
/// </summary>
public static class RegistryVersions
{
    /// <summary>Saves and bumps the access version, and the configuration version too when <paramref name="routes"/>.</summary>
    public static async Task SaveWithVersionBumpAsync(this RegistryDbContext db, bool routes, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (routes)
            await db.State.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ConfigVersion, x => x.ConfigVersion + 1)
                .SetProperty(x => x.AccessVersion, x => x.AccessVersion + 1), ct);
        else
            await db.State.ExecuteUpdateAsync(s => s.SetProperty(x => x.AccessVersion, x => x.AccessVersion + 1), ct);
        await transaction.CommitAsync(ct);
    }
}
