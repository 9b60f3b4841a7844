using Microsoft.EntityFrameworkCore;

namespace SpbeConnector.Registry.Storage;

/// <summary>
/// Saves a change together with the bump of the registry's versions, in one transaction, with the increment done by
/// the database (<c>SET v = v + 1</c>): two nodes changing the shared store at once both count, where a read-then-write
/// of the version would let one overwrite the other and leave a change unnoticed by the other nodes.
/// </summary>
public static class RegistryVersions
{
    /// <summary>
    /// Saves and bumps the versions <paramref name="change"/> names (none: a plain save). The versions produced are
    /// recorded in <paramref name="own"/>, so that this node's change monitor does not signal them a second time.
    /// </summary>
    public static async Task SaveWithVersionBumpAsync(this RegistryDbContext db, RegistryChange change, LocalVersionBumps own, CancellationToken ct)
    {
        if (change == RegistryChange.None)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var routes = change.HasFlag(RegistryChange.Routes);
        var access = change.HasFlag(RegistryChange.Access);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (routes && access)
            await db.State.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ConfigVersion, x => x.ConfigVersion + 1)
                .SetProperty(x => x.AccessVersion, x => x.AccessVersion + 1), ct);
        else if (routes)
            await db.State.ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfigVersion, x => x.ConfigVersion + 1), ct);
        else
            await db.State.ExecuteUpdateAsync(s => s.SetProperty(x => x.AccessVersion, x => x.AccessVersion + 1), ct);
        // Read inside the transaction, which holds the row's write lock: these numbers are this change's own.
        var now = await db.State.AsNoTracking().Select(s => new { s.ConfigVersion, s.AccessVersion }).SingleAsync(ct);
        long? config = routes ? now.ConfigVersion : null;
        long? accessVersion = access ? now.AccessVersion : null;
        own.Expect(config, accessVersion);
        try
        {
            await transaction.CommitAsync(ct);
        }
        catch
        {
            // Forgotten before the rollback releases the lock: another node may then produce the same numbers.
            own.Forget(config, accessVersion);
            throw;
        }
    }
}
