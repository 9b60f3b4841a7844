using SpbeConnector.Portal;
using SpbeConnector.Portal.Accounts;

namespace SpbeConnector.Portal.Tests.Accounts;

/// <summary>Pasal 59 ayat (4) huruf c: length and mix of character types, configurable.</summary>
public class PasswordPolicyTests
{
    private static readonly PortalOptions Defaults = new();

    [Theory]
    [InlineData("Pendek-1", "password.tooShort")]
    [InlineData("semuahurufkecilsaja", "password.tooFewTypes")]
    [InlineData("Rahasia-Budi-2026", "password.containsUsername")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string problem) =>
        Assert.Contains(problem, PasswordPolicy.Check(password, "budi", Defaults));

    [Fact]
    public void A_long_mixed_password_is_accepted() =>
        Assert.Empty(PasswordPolicy.Check("Kuat-Sekali-2026", "budi", Defaults));

    [Fact]
    public void The_rules_follow_the_configuration() =>
        Assert.Empty(PasswordPolicy.Check("abcdefgh", null, new PortalOptions { PasswordMinimumLength = 8, PasswordCharacterTypes = 1 }));
}
