using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpbeConnector.Registry.Contracts;

namespace SpbeConnector.Portal;

/// <summary>
/// Appends what portal users do to the audit log (Pasal 59 ayat (9) huruf d): logins and their failures, account
/// changes, every onboarding and subscription decision, with who, on what, and why. Type <c>portal</c>.
/// </summary>
public sealed class PortalAudit(IServiceProvider services)
{
    public const string EventType = "portal";

    public async Task RecordAsync(HttpContext? http, string action, string outcome, string? actor, string? target,
        IReadOnlyDictionary<string, string?>? details = null)
    {
        // The audit policy provides the trail in the product; registry-only hosts (tools, unit tests) run without one.
        if (services.GetService<IAuditTrail>() is not { } trail)
            return;
        await trail.AppendAsync(new AuditEvent(EventType, action, outcome, Actor: actor, Target: target,
            RequestId: http?.TraceIdentifier, SourceIp: http?.Connection.RemoteIpAddress?.ToString(), Details: details),
            http?.RequestAborted ?? CancellationToken.None);
    }
}
