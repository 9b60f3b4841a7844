using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Shares temporary blocks between gateway nodes through Redis: a block set or lifted on one node is published on a
/// channel and applied by every other node at once (Pasal 60 ayat (5): automated attacks refused everywhere, not only
/// on the node that saw them), and kept in a hash that every node reads periodically, so that a node that missed a
/// notice (restart, lost connection) catches up. Requests never wait for Redis: changes are queued and sent here.
/// While Redis is unreachable each node keeps its own blocks and sends what it set once Redis answers again.
/// </summary>
public sealed partial class RedisBlockSharing : BackgroundService
{
    // A literal channel name: never read as a SUBSCRIBE pattern.
    private static readonly RedisChannel Channel = RedisChannel.Literal("spbe:anti-automation:blocks");
    private const string HashKey = "spbe:anti-automation:blocks";

    private readonly TemporaryBlocks _blocks;
    private readonly TimeProvider _clock;
    private readonly ILogger<RedisBlockSharing> _logger;
    private readonly ConfigurationOptions _configuration;
    private readonly Channel<BlockNotice> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<BlockNotice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly List<BlockNotice> _unsent = [];
    private HashSet<string> _lastShared = new(StringComparer.Ordinal);

    public RedisBlockSharing(IOptions<AntiAutomationOptions> options, TemporaryBlocks blocks, TimeProvider clock, ILogger<RedisBlockSharing> logger)
    {
        _configuration = RedisConnectionSettings.For(options.Value.Redis!);
        _blocks = blocks;
        _clock = clock;
        _logger = logger;
        _blocks.Added += b => _outgoing.Writer.TryWrite(new BlockNotice(_origin, b.Subject, b.Until.ToUnixTimeMilliseconds(), b.Reason));
        _blocks.Removed += s => _outgoing.Writer.TryWrite(new BlockNotice(_origin, s, null, null));
    }

    /// <summary>How often every node reads the shared hash, healing missed notices.</summary>
    public static TimeSpan ReconcileInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>A block set (with its end) or lifted (without), and which node did it.</summary>
    public sealed record BlockNotice(string Origin, string Subject, long? UntilMs, string? Reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // AbortOnConnectFail=false: returns even when Redis is down, and reconnects on its own.
        using var redis = await ConnectionMultiplexer.ConnectAsync(_configuration);
        var subscribed = false;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    // Resubscribed by the multiplexer itself after a lost connection, once subscribed.
                    await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
                    subscribed = true;
                }
                var database = redis.GetDatabase();
                while (_outgoing.Reader.TryRead(out var notice))
                    _unsent.Add(notice);
                foreach (var notice in _unsent.ToArray())
                {
                    await SendAsync(redis, database, notice);
                    _unsent.Remove(notice);
                }
                await ReconcileAsync(database);
                if (failing)
                    LogShared();
                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Any failure here must not stop the gateway (an escaping exception would stop the host): blocks stay
                // local until Redis answers again.
                if (!failing)
                    LogUnshared(ex.Message);
                failing = true;
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(ReconcileInterval);
            try
            {
                await _outgoing.Reader.WaitToReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private static async Task SendAsync(ConnectionMultiplexer redis, IDatabase database, BlockNotice notice)
    {
        if (notice.UntilMs is { } until)
            await database.HashSetAsync(HashKey, notice.Subject, $"{until}|{notice.Reason}");
        else
            await database.HashDeleteAsync(HashKey, notice.Subject);
        await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(notice));
    }

    private void Receive(RedisValue message)
    {
        try
        {
            var notice = JsonSerializer.Deserialize<BlockNotice>((string)message!);
            if (notice is null || notice.Origin == _origin)
                return;
            if (notice.UntilMs is { } until)
                _blocks.Apply(new TemporaryBlocks.Block(notice.Subject, DateTimeOffset.FromUnixTimeMilliseconds(until), notice.Reason ?? ""));
            else
                _blocks.Forget(notice.Subject);
        }
        catch (JsonException)
        {
            // Not ours; the periodic reconciliation still applies the shared state.
        }
    }

    /// <summary>
    /// The shared hash is the truth: apply what it holds, forget blocks it held at the last reading and no longer holds
    /// (lifted by another node while its notice was missed), drop expired entries. A block set here and not yet sent was
    /// never in the hash, so it is never forgotten by mistake.
    /// </summary>
    private async Task ReconcileAsync(IDatabase database)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in await database.HashGetAllAsync(HashKey))
        {
            var value = (string)entry.Value!;
            var bar = value.IndexOf('|');
            if (bar < 0 || !long.TryParse(value.AsSpan(0, bar), out var until))
                continue;
            if (until <= now)
            {
                await database.HashDeleteAsync(HashKey, entry.Name);
                continue;
            }
            shared.Add(entry.Name!);
            _blocks.Apply(new TemporaryBlocks.Block(entry.Name!, DateTimeOffset.FromUnixTimeMilliseconds(until), value[(bar + 1)..]));
        }
        foreach (var lifted in _lastShared.Where(s => !shared.Contains(s)))
            _blocks.Forget(lifted);
        _lastShared = shared;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Temporary blocks are not shared with the other nodes: Redis does not answer ({Cause}). Each node keeps its own blocks and sends them when Redis is back; check AntiAutomation:Redis and that Redis is running")]
    private partial void LogUnshared(string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Temporary blocks are shared with the other nodes through Redis again")]
    private partial void LogShared();
}
