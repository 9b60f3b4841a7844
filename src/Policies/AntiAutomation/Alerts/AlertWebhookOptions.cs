namespace SpbeConnector.Policies.AntiAutomation.Alerts;

/// <summary>Delivery of alerts to a webhook (section <c>AntiAutomation:Webhook</c>).</summary>
public sealed class AlertWebhookOptions
{
    /// <summary>HTTPS URL that receives each alert as a JSON POST; none = no webhook.</summary>
    public string? Url { get; set; }

    /// <summary>Attempts per alert before it is given up (and logged as undelivered).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubles with each further retry.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
