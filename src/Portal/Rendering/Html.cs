namespace SpbeConnector.Portal.Rendering;

/// <summary>The one way portal pages make markup: <c>Html.H($"&lt;p&gt;{name}&lt;/p&gt;")</c> encodes <c>name</c>.</summary>
public static class Html
{
    public static HtmlFragment H(HtmlInterpolation markup) => new(markup.Build());

    public static HtmlFragment Join(IEnumerable<HtmlFragment> fragments) => new(string.Concat(fragments.Select(f => f.Value)));

    /// <summary>The <c>selected</c> or <c>checked</c> attribute when <paramref name="on"/>.</summary>
    public static HtmlFragment Flag(bool on, string attribute) => on ? new HtmlFragment(" " + attribute) : HtmlFragment.Empty;
}
