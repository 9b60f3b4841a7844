using System.Collections.Concurrent;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Subjects (source addresses <c>ip:...</c> or clients <c>client:...</c>) refused until a time, set by attack
/// detection or by an administrator. Expired blocks vanish on their own.
/// </summary>
public sealed class TemporaryBlocks(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Block> _blocks = new(StringComparer.Ordinal);

    public sealed record Block(string Subject, DateTimeOffset Until, string Reason);

    public void Add(string subject, TimeSpan duration, string reason) =>
        _blocks[subject] = new Block(subject, clock.GetUtcNow() + duration, reason);

    public bool Remove(string subject) => _blocks.TryRemove(subject, out _);

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
