namespace SpbeConnector.Policies.Sla;

/// <summary>Decides what one request counts as for the service level (Pasal 60 ayat (3) huruf m).</summary>
public static class SlaOutcomeClassifier
{
    public static SlaOutcome Classify(int status, TimeSpan elapsed, bool clientAborted, bool threw, TimeSpan latencyThreshold)
    {
        if (clientAborted && !threw && status < 500)
            return SlaOutcome.NotCounted;
        if (threw || status >= 500)
            return SlaOutcome.Failed;
        return elapsed > latencyThreshold ? SlaOutcome.Slow : SlaOutcome.Good;
    }
}
