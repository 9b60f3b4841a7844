using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpbeConnector.Policies.AntiAutomation.Alerts;

/// <summary>Posts each alert to the configured webhook, retrying with exponential back-off.</summary>
public sealed partial class AlertWebhookSender(
    AlertHub hub,
    IHttpClientFactory clients,
    IOptions<AntiAutomationOptions> options,
    ILogger<AlertWebhookSender> logger) : BackgroundService
{
    public const string ClientName = "spbe-alert-webhook";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var alert in hub.Outbox.ReadAllAsync(stoppingToken))
        {
            var webhook = options.Value.Webhook;
            if (string.IsNullOrEmpty(webhook.Url))
                continue;
            await DeliverAsync(alert, webhook, stoppingToken);
        }
    }

    private async Task DeliverAsync(SecurityAlert alert, AlertWebhookOptions webhook, CancellationToken ct)
    {
        var delay = webhook.FirstRetryDelay;
        for (var attempt = 1; attempt <= webhook.MaxAttempts; attempt++)
        {
            try
            {
                using var client = clients.CreateClient(ClientName);
                using var response = await client.PostAsJsonAsync(webhook.Url, alert, ct);
                if (response.IsSuccessStatusCode)
                    return;
                LogAttemptFailed(alert.Id, attempt, $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                LogAttemptFailed(alert.Id, attempt, ex.Message);
            }
            if (attempt < webhook.MaxAttempts)
            {
                await Task.Delay(delay, ct);
                delay *= 2;
            }
        }
        LogUndelivered(alert.Id, webhook.MaxAttempts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: webhook attempt {Attempt} failed: {Reason}")]
    private partial void LogAttemptFailed(Guid alertId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} was not delivered to the webhook after {Attempts} attempts; it stays in the alert list. Check AntiAutomation:Webhook:Url and the receiver.")]
    private partial void LogUndelivered(Guid alertId, int attempts);
}
