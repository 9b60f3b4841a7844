namespace SpbeConnector.Policies.Sla;

/// <summary>A rolling window over which availability is computed: the last day or the last 30 days, ending now.</summary>
public sealed record SlaWindow(string Name, TimeSpan Length)
{
    public static readonly SlaWindow Day = new("1d", TimeSpan.FromDays(1));
    public static readonly SlaWindow ThirtyDays = new("30d", TimeSpan.FromDays(30));

    public static IReadOnlyList<SlaWindow> All { get; } = [Day, ThirtyDays];

    /// <summary>The window named <paramref name="name"/> (<c>1d</c> or <c>30d</c>), or null.</summary>
    public static SlaWindow? Parse(string? name) => All.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
}
