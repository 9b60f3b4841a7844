namespace SpbeConnector.Portal.Accounts;

/// <summary>
/// Pasal 59 ayat (4) huruf c: the length and the mix of character types a portal password must have. Returns the
/// portal text keys of what is wrong (none: acceptable). Checked on the server only (ayat (4) huruf b).
/// </summary>
public static class PasswordPolicy
{
    public static IReadOnlyList<string> Check(string? password, string? username, PortalOptions options)
    {
        var problems = new List<string>();
        password ??= "";
        if (password.Length < options.PasswordMinimumLength)
            problems.Add("password.tooShort");
        var types = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (types < options.PasswordCharacterTypes)
            problems.Add("password.tooFewTypes");
        if (!string.IsNullOrEmpty(username) && password.Contains(username, StringComparison.OrdinalIgnoreCase))
            problems.Add("password.containsUsername");
        return problems;
    }
}
