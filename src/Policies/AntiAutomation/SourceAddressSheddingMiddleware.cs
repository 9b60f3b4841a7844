using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Cheap shedding, before any cryptography (architecture.md step 3; Pasal 60 ayat (3) huruf c, anti-DDoS): a blocked source
/// address is refused, and each source address gets a fixed budget of requests per window: one for proxied
/// requests, another for the token endpoint, where it runs before client authentication (Pasal 59 ayat (4) huruf d,
/// ayat (13) huruf d: secrets and assertions are not checked at the rate an attacker chooses).
/// </summary>
public sealed class SourceAddressSheddingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IRateLimitCounter _counter;
    private readonly TemporaryBlocks _blocks;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<AntiAutomationOptions> _options;
    private readonly SourceAddressLimit _limit;

    public SourceAddressSheddingMiddleware(RequestDelegate next, IRateLimitCounter counter, TemporaryBlocks blocks,
        TimeProvider clock, IOptionsMonitor<AntiAutomationOptions> options, SourceAddressLimit limit)
    {
        _limit = limit;
        _next = next;
        _counter = counter;
        _blocks = blocks;
        _clock = clock;
        _options = options;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var address = SourceAddress.Of(context);
        if (!_blocks.IsEmpty && _blocks.Find(SourceAddress.Subject(address)) is { } block)
        {
            await RateLimitResponses.WriteBlockedAsync(context, block, _clock);
            return;
        }
        var rule = Rule(_options.CurrentValue);
        // Separate keys: the token endpoint's budget is not the proxied requests' one.
        var key = _limit == SourceAddressLimit.TokenEndpoint ? "token:" + address : address;
        var decision = await _counter.HitAsync(key, rule, context.RequestAborted);
        if (!decision.Allowed)
        {
            await RateLimitResponses.WriteTooManyRequestsAsync(context, rule, decision);
            return;
        }
        await _next(context);
    }

    private RateLimitRule? _rule;

    private RateLimitRule Rule(AntiAutomationOptions options)
    {
        var (name, limit, window) = _limit == SourceAddressLimit.TokenEndpoint
            ? ("token-per-ip", options.TokenEndpointPerIpLimit, options.TokenEndpointPerIpWindow)
            : ("per-ip", options.PerIpLimit, options.PerIpWindow);
        // Rebuilt only when the settings change (they can, at run time, through the admin API).
        var rule = _rule;
        if (rule is null || rule.Limit != limit || rule.Window != window)
            _rule = rule = new RateLimitRule(name, limit, window);
        return rule;
    }
}
