namespace SpbeConnector.Policies.AntiAutomation;

/// <summary>How a rule's windows are cut: fixed lengths from the Unix epoch, or calendar days or months of a time zone.</summary>
public enum RateLimitPeriod
{
    Fixed,
    CalendarDay,
    CalendarMonth,
}
