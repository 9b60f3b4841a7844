using SpbeConnector.Portal.Rendering;
using static SpbeConnector.Portal.Rendering.Html;

namespace SpbeConnector.Portal.Tests.Rendering;

/// <summary>Pages encode every value (Pasal 59 ayat (7)), and both languages say everything.</summary>
public class PortalRenderingTests
{
    [Fact]
    public void Values_are_encoded_and_fragments_are_kept()
    {
        var name = "<script>alert('x')</script>";
        var inner = H($"<b>{name}</b>");
        var page = H($"<p title=\"{name}\">{inner}{42}</p>");
        Assert.DoesNotContain("<script>", page.Value);
        Assert.Contains("<b>&lt;script&gt;", page.Value);
        Assert.Contains("42</p>", page.Value);
    }

    [Fact]
    public void Bahasa_Indonesia_and_English_have_the_same_texts()
    {
        var indonesian = PortalText.KeysOf("id").ToHashSet();
        var english = PortalText.KeysOf("en").ToHashSet();
        Assert.Empty(indonesian.Except(english));
        Assert.Empty(english.Except(indonesian));
    }

    [Fact]
    public void Indonesian_is_the_default_and_unknown_languages_fall_back_to_it()
    {
        Assert.Equal("Masuk", PortalText.For((string?)null)["login.title"]);
        Assert.Equal("Masuk", PortalText.For("fr")["login.title"]);
        Assert.Equal("Sign in", PortalText.For("en")["login.title"]);
    }

    [Theory]
    [InlineData("WIB", "2026-11-22 19:00:00 WIB")]
    [InlineData("WITA", "2026-11-22 20:00:00 WITA")]
    [InlineData("WIT", "2026-11-22 21:00:00 WIT")]
    public void Times_stored_in_UTC_are_shown_in_the_regions_zone(string zone, string shown) =>
        Assert.Equal(shown, IndonesianTime.Format(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), zone));
}
