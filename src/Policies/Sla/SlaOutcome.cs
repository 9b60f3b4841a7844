namespace SpbeConnector.Policies.Sla;

/// <summary>What one request means for its API's service level.</summary>
public enum SlaOutcome
{
    /// <summary>Answered in time without a gateway or upstream failure (client errors included: they are correct answers).</summary>
    Good,

    /// <summary>A 5xx from the gateway or the upstream, a timeout, or an exception.</summary>
    Failed,

    /// <summary>Answered correctly but slower than the configured latency threshold.</summary>
    Slow,

    /// <summary>The client went away before the answer: it neither proves nor disproves the service.</summary>
    NotCounted,
}
