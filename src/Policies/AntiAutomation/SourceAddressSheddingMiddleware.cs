using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>
/// Cheap shedding, before any cryptography (DESIGN step 3; Pasal 60 ayat (3) huruf c, anti-DDoS): a blocked source
/// address is refused, and each source address gets a fixed budget of requests per window.
/// </summary>
public sealed class SourceAddressSheddingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IRateLimitCounter _counter;
    private readonly TemporaryBlocks _blocks;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<AntiAutomationOptions> _options;

    public SourceAddressSheddingMiddleware(RequestDelegate next, IRateLimitCounter counter, TemporaryBlocks blocks,
        TimeProvider clock, IOptionsMonitor<AntiAutomationOptions> options)
    {
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
        var rule = PerIpRule(_options.CurrentValue);
        var decision = await _counter.HitAsync(address, rule, context.RequestAborted);
        if (!decision.Allowed)
        {
            await RateLimitResponses.WriteTooManyRequestsAsync(context, rule, decision);
            return;
        }
        await _next(context);
    }

    private RateLimitRule? _rule;

    private RateLimitRule PerIpRule(AntiAutomationOptions options)
    {
        // Rebuilt only when the settings change (they can, at run time, through the admin API).
        var rule = _rule;
        if (rule is null || rule.Limit != options.PerIpLimit || rule.Window != options.PerIpWindow)
            _rule = rule = new RateLimitRule("per-ip", options.PerIpLimit, options.PerIpWindow);
        return rule;
    }
}
