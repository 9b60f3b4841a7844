using SpbeConnector.Portal.Rendering;
using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Portal.Tests.Rendering;

/// <summary>Every registry message is said by the portal in both languages, with the arguments its template names.</summary>
public sealed class RegistryMessageTextsTests
{
    public static TheoryData<string> Languages => new(PortalText.Languages);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_registry_message_has_a_text_with_the_same_arguments(string language)
    {
        var text = PortalText.For(language);
        var missing = new List<string>();
        foreach (var message in RegistryMessages.All)
        {
            var key = PortalText.RegistryKey(message.Id);
            if (!PortalText.KeysOf(language).Contains(key))
                missing.Add($"{key}: no text");
            else if (!RegistryMessage.ArgumentsOf(text[key]).Order(StringComparer.Ordinal).SequenceEqual(message.ArgumentNames.Order(StringComparer.Ordinal)))
                missing.Add($"{key}: arguments {{{string.Join("}, {", RegistryMessage.ArgumentsOf(text[key]))}}}, the message's {{{string.Join("}, {", message.ArgumentNames)}}}");
        }
        Assert.True(missing.Count == 0, $"{language}: {string.Join("; ", missing)}");
    }

    [Fact]
    public void No_text_names_a_registry_message_that_does_not_exist()
    {
        var stale = PortalText.KeysOf("id").Where(k => k.StartsWith("registry.", StringComparison.Ordinal) && RegistryMessages.Find(k["registry.".Length..]) is null);
        Assert.Empty(stale);
    }

    [Fact]
    public void A_problem_is_rendered_with_numbers_written_per_language()
    {
        var problem = RegistryProblem.Of("name", RegistryMessages.LengthBetween, ("min", 1), ("max", 4000));

        Assert.Equal("harus 1 sampai 4.000 karakter", PortalText.For("id").Problem(problem));
        Assert.Equal("must be 1 to 4,000 characters", PortalText.For("en").Problem(problem));
        Assert.Equal("must be 1 to 4000 characters", problem.English);
    }

    [Fact]
    public void A_registry_field_path_is_shown_beside_the_form_input_it_concerns()
    {
        var problems = new RegistryProblems().Add("upstreamUrls[0]", RegistryMessages.UpstreamPlainHttp).Add("healthCheck.path", RegistryMessages.ApiHealthPathFormat);

        var errors = FormErrors.Of(problems, PortalText.For("id"), ["upstreamUrl"], new Dictionary<string, string> { ["upstreamUrls"] = "upstreamUrl" });

        Assert.StartsWith("memakai HTTP tanpa enkripsi", Assert.Single(errors["upstreamUrl"]));
        Assert.True(errors.IsBeside("upstreamUrl"));
        Assert.False(errors.IsBeside("healthCheck.path"));
    }
}
