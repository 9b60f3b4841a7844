namespace SpbeConnector.Portal.Rendering;

/// <summary>
/// Markup that is already safe: built by <see cref="Html.H"/>, which encodes every value it is given (Pasal 59
/// ayat (7): output of user input is encoded), so a page cannot insert raw input by mistake.
/// </summary>
public readonly struct HtmlFragment(string value)
{
    public string Value { get; } = value ?? "";

    public static HtmlFragment Empty { get; } = new("");

    public override string ToString() => Value;
}
