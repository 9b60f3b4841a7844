using System.Collections.Concurrent;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Subjects (source addresses <c>ip:...</c> or clients <c>client:...</c>) refused until a time, set by attack
/// detection or by an administrator. Expired blocks vanish on their own. With Redis configured, blocks set or lifted
/// here reach every other node (<see cref="RedisBlockSharing"/>), and theirs arrive through <see cref="Apply"/> and
/// <see cref="Forget"/>, which do not announce again.
/// </summary>
public sealed class TemporaryBlocks(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Block> _blocks = new(StringComparer.Ordinal);

    public sealed record Block(string Subject, DateTimeOffset Until, string Reason);

    /// <summary>Raised when this node sets a block (not when one arrives from another node).</summary>
    public event Action<Block>? Added;

    /// <summary>Raised when this node lifts a block (not when another node's lifting arrives).</summary>
    public event Action<string>? Removed;

    public void Add(string subject, TimeSpan duration, string reason)
    {
        var block = new Block(subject, clock.GetUtcNow() + duration, reason);
        _blocks[subject] = block;
        Added?.Invoke(block);
    }

    public bool Remove(string subject)
    {
        var removed = _blocks.TryRemove(subject, out _);
        if (removed)
            Removed?.Invoke(subject);
        return removed;
    }

    /// <summary>A block set by another node.</summary>
    public void Apply(Block block)
    {
        if (block.Until > clock.GetUtcNow())
            _blocks[block.Subject] = block;
    }

    /// <summary>A block lifted by another node.</summary>
    public void Forget(string subject) => _blocks.TryRemove(subject, out _);

    public bool IsEmpty => _blocks.IsEmpty;

    /// <summary>The block in force on <paramref name="subject"/>, if any. Cheap when there are no blocks at all.</summary>
    public Block? Find(string subject)
    {
        if (_blocks.IsEmpty || !_blocks.TryGetValue(subject, out var block))
            return null;
        if (block.Until > clock.GetUtcNow())
            return block;
        _blocks.TryRemove(KeyValuePair.Create(subject, block));
        return null;
    }

    public IReadOnlyList<Block> Active()
    {
        var now = clock.GetUtcNow();
        return _blocks.Values.Where(b => b.Until > now).OrderBy(b => b.Until).ToArray();
    }
}
