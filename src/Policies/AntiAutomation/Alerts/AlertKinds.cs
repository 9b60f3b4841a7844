namespace SpbeConnector.Policies.AntiAutomation.Alerts;

/// <summary>The kinds of alert the gateway raises: anti-automation, the shared rate-limit store, and the service level.</summary>
public static class AlertKinds
{
    /// <summary>A run of 401/403 answers: credential stuffing or token guessing.</summary>
    public const string AuthenticationFailures = "authentication-failures";

    /// <summary>A run of 400/404 answers: enumeration or fuzzing.</summary>
    public const string Enumeration = "enumeration";

    /// <summary>The same request repeated in a short time.</summary>
    public const string IdenticalRequestFlood = "identical-request-flood";

    /// <summary>Traffic far above the subject's own baseline.</summary>
    public const string Burst = "burst";

    /// <summary>The shared rate-limit store is unreachable; the node enforces its share of each limit.</summary>
    public const string RateLimitStoreUnavailable = "rate-limit-store-unavailable";

    /// <summary>The shared rate-limit store is reachable again.</summary>
    public const string RateLimitStoreRecovered = "rate-limit-store-recovered";

    /// <summary>An API's availability fell below the service-level floor (Pasal 60 ayat (3) huruf m).</summary>
    public const string SlaBelowFloor = "sla-below-floor";

    /// <summary>An API that was below the service-level floor is back at or above it.</summary>
    public const string SlaRecovered = "sla-recovered";
}
