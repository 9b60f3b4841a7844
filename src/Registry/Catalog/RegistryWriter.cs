using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Storage;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// How every part of the catalog saves: in one transaction with the version bump of what the change touches, then
/// signalling this node's data plane; a lost uniqueness race is a <see cref="RegistryConflictException"/> whose text
/// names no table.
/// </summary>
public sealed partial class RegistryWriter(
    IRegistryChangeSignal changes,
    IAccessChangeSignal accessChanges,
    LocalVersionBumps ownVersions,
    ILogger<RegistryWriter> logger)
{
    /// <summary>
    /// Saves, bumps the versions of what <paramref name="change"/> names and signals this node's data plane for them.
    /// The access rules (<see cref="AccessSnapshot"/>) hold clients, subscriptions by API id, plans, operation limits
    /// and revoked tokens, nothing an API's own settings or state decide, so an API change bumps the routes only.
    /// </summary>
    internal async Task SaveAndSignalAsync(RegistryDbContext db, RegistryChange change, CancellationToken ct)
    {
        await TranslateConflictsAsync(() => db.SaveWithVersionBumpAsync(change, ownVersions, ct));
        if (change.HasFlag(RegistryChange.Routes))
            changes.NotifyChanged();
        if (change.HasFlag(RegistryChange.Access))
            accessChanges.NotifyChanged();
    }

    internal Task SaveAndSignalAccessAsync(RegistryDbContext db, CancellationToken ct) => SaveAndSignalAsync(db, RegistryChange.Access, ct);

    /// <summary>Saves without touching the versions (changes the data plane does not see).</summary>
    internal Task SaveAsync(RegistryDbContext db, CancellationToken ct) => TranslateConflictsAsync(() => db.SaveChangesAsync(ct));

    private async Task TranslateConflictsAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (DbUpdateException ex)
        {
            // A concurrent writer won a uniqueness race; nothing was stored. The database's own message names tables,
            // columns and constraints: it goes to the operator's log, never to the caller (Pasal 59 ayat (9) huruf a:
            // control the content of error messages).
            LogSaveConflict(ex);
            throw new RegistryConflictException(RegistryMessages.ConcurrentChange);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A registry change was refused as a conflict: the store rejected it (usually a concurrent change to the same item; otherwise the store's message names the constraint)")]
    private partial void LogSaveConflict(Exception ex);
}
