namespace SpbeConnector.Portal.Rendering;

/// <summary>Problems with a submitted form, by field (text keys or messages), shown next to the fields they concern.</summary>
public sealed class FormErrors : Dictionary<string, string[]>
{
    public FormErrors()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public FormErrors(IDictionary<string, string[]> errors)
        : base(errors, StringComparer.OrdinalIgnoreCase)
    {
    }

    public static FormErrors None { get; } = new();

    public FormErrors With(string field, string problem)
    {
        this[field] = TryGetValue(field, out var existing) ? [.. existing, problem] : [problem];
        return this;
    }
}
