using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;
using SpbeConnector.Registry.Storage;

namespace SpbeConnector.Registry.OAuth;

/// <summary>
/// The authorization server's signing keys, shared through the store by every node, and their schedule
/// (Pasal 59 ayat (8) huruf c: key management). A new key is published in the JWKS before it signs (by
/// <see cref="OAuthServerOptions.SigningKeyPublicationLead"/>); a retired key stays published until every token it
/// signed has expired. Keys are decrypted once and kept in memory.
/// </summary>
public sealed partial class SigningKeyRing(
    IDbContextFactory<RegistryDbContext> contexts,
    IDataProtectionProvider protection,
    IOptions<OAuthServerOptions> options,
    IssuerIdentity issuer,
    IAccessChangeSignal accessChanges,
    LocalVersionBumps ownVersions,
    TimeProvider clock,
    ILogger<SigningKeyRing> logger) : ILocalIssuer
{
    /// <summary>Margin beyond the token lifetime before a retired key leaves the JWKS: covers validators' clock skew.</summary>
    private static readonly TimeSpan RetentionMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<SigningKeyMaterial> _keys = [];
    private volatile PublishedKeySet _published = new(0, []);
    private long _lastRefreshTicks;
    private CancellationTokenSource _keySetChanged = new();

    public string Issuer => issuer.Issuer;

    public PublishedKeySet PublishedKeys => _published;

    /// <summary>
    /// Fires when the set of keys changes (created, rotated, expired, or reloaded from another node's change): the
    /// authorization server's options are rebuilt from <see cref="Keys"/> then (<see cref="SigningKeyOptionsChangeSource"/>).
    /// </summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _keySetChanged).Token);

    /// <summary>Every key in the JWKS now: those signing, about to sign, or retired but still trusted.</summary>
    public IReadOnlyList<SigningKeyMaterial> Keys => _keys;

    /// <summary>The key that signs now: the newest one already active and not retired.</summary>
    public SigningKeyMaterial Current
    {
        get
        {
            var now = clock.GetUtcNow();
            SigningKeyMaterial? best = null;
            foreach (var key in _keys)
            {
                if (key.Row.ActivatesAt <= now && (key.Row.RetiresAt is null || key.Row.RetiresAt > now)
                    && (best is null || key.Row.ActivatesAt > best.Row.ActivatesAt))
                    best = key;
            }
            return best ?? throw new InvalidOperationException("No signing key is active; the key schedule has not run. Check the log for key-store errors.");
        }
    }

    /// <summary>Applies the schedule: creates the first key, rotates when due, forgets expired keys; then reloads.</summary>
    public async Task ApplyScheduleAsync(CancellationToken ct)
    {
        var changed = false;
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var rows = await db.SigningKeys.ToListAsync(ct);
            foreach (var expired in rows.Where(r => r.ExpiresAt is { } e && e <= now).ToList())
            {
                db.SigningKeys.Remove(expired);
                rows.Remove(expired);
                changed = true;
            }
            var live = rows.Where(r => r.RetiresAt is null || r.RetiresAt > now).ToList();
            if (live.Count == 0)
            {
                var first = SigningKeyMaterial.Generate(options.Value.SigningAlgorithm, protection, now, activatesAt: now);
                db.SigningKeys.Add(first.Row);
                changed = true;
                LogKeyCreated(first.KeyId, first.Row.Algorithm, now);
            }
            else
            {
                var current = live.Where(r => r.ActivatesAt <= now).MaxBy(r => r.ActivatesAt);
                var hasSuccessor = live.Any(r => r.ActivatesAt > now);
                var o = options.Value;
                if (current is not null && !hasSuccessor && current.ActivatesAt + o.SigningKeyLifetime - o.SigningKeyPublicationLead <= now)
                {
                    AddSuccessor(db, live, now);
                    changed = true;
                }
            }
            if (changed)
                await BumpAccessVersionAndSaveAsync(db, ct);
            await LoadAsync(db, ct);
        }
        finally
        {
            _gate.Release();
        }
        if (changed)
            accessChanges.NotifyChanged();
    }

    /// <summary>
    /// Rotation on demand: a successor is published now and signs after the publication lead; the current key
    /// signs until then and stays published until its tokens have expired.
    /// </summary>
    public async Task<SigningKeyMaterial> RotateAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        SigningKeyMaterial successor;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var live = await db.SigningKeys.Where(r => r.RetiresAt == null).ToListAsync(ct);
            successor = AddSuccessor(db, live, now);
            await BumpAccessVersionAndSaveAsync(db, ct);
            await LoadAsync(db, ct);
        }
        finally
        {
            _gate.Release();
        }
        accessChanges.NotifyChanged();
        return _keys.Single(k => k.KeyId == successor.KeyId);
    }

    /// <summary>Reloads the keys from the store (another node may have rotated them).</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await LoadAsync(db, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask RefreshKeysAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastRefreshTicks);
        if (now - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref _lastRefreshTicks, now, last) != last)
            return;
        await ReloadAsync(cancellationToken);
    }

    private SigningKeyMaterial AddSuccessor(RegistryDbContext db, List<SigningKey> live, DateTimeOffset now)
    {
        var o = options.Value;
        var successor = SigningKeyMaterial.Generate(o.SigningAlgorithm, protection, now, activatesAt: now + o.SigningKeyPublicationLead);
        foreach (var row in live.Where(r => r.RetiresAt is null))
        {
            // The old key signs until its successor takes over, and is trusted until its last token expires.
            row.RetiresAt = successor.Row.ActivatesAt;
            row.ExpiresAt = successor.Row.ActivatesAt + o.AccessTokenLifetime + RetentionMargin;
        }
        db.SigningKeys.Add(successor.Row);
        LogKeyCreated(successor.KeyId, successor.Row.Algorithm, successor.Row.ActivatesAt);
        return successor;
    }

    private Task BumpAccessVersionAndSaveAsync(RegistryDbContext db, CancellationToken ct) =>
        db.SaveWithVersionBumpAsync(RegistryChange.Access, ownVersions, ct);

    private async Task LoadAsync(RegistryDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.SigningKeys.AsNoTracking().ToListAsync(ct);
        var known = _keys.ToDictionary(k => k.KeyId, StringComparer.Ordinal);
        var loaded = new List<SigningKeyMaterial>(rows.Count);
        foreach (var row in rows.Where(r => r.ExpiresAt is null || r.ExpiresAt > now).OrderBy(r => r.ActivatesAt))
        {
            try
            {
                // Unprotect each key once; the schedule's columns may have changed, the key itself never does.
                loaded.Add(known.TryGetValue(row.KeyId, out var k) ? k.WithSchedule(row) : SigningKeyMaterial.Unprotect(row, protection));
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                LogKeyUnreadable(ex, row.KeyId);
            }
        }
        _keys = loaded;
        var ids = string.Join(',', loaded.Select(k => k.KeyId));
        if (ids != string.Join(',', _published.Keys.Select(k => k.KeyId)))
        {
            _published = new PublishedKeySet(_published.Version + 1, loaded.Select(k => k.PublicKey).ToArray());
            // Not disposed: a listener may still register on the token it read just before the exchange.
            Interlocked.Exchange(ref _keySetChanged, new CancellationTokenSource()).Cancel();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key {KeyId} ({Algorithm}) created; published now, signs from {ActivatesAt:o}")]
    private partial void LogKeyCreated(string keyId, string algorithm, DateTimeOffset activatesAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing key {KeyId} cannot be decrypted: the Data Protection keys under the data directory are not the ones it was encrypted with. Restore them, or delete the key's row to let the schedule create a new one")]
    private partial void LogKeyUnreadable(Exception ex, string keyId);
}
