namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// The arguments the gateway accepts when it runs as a server (no command): settings only, as <c>--Section:Key=value</c>
/// or <c>--Section:Key value</c>, plus the host's own <c>--urls</c>, <c>--environment</c> and <c>--DataDirectory</c>.
/// Anything else is refused before anything starts: a mistyped or unknown command (<c>admin create-client</c>) must not
/// seed a data directory and serve on the default port as if no command had been given.
/// </summary>
public static class ServerArguments
{
    /// <summary>The settings that have no section, compared without regard to case as configuration keys are.</summary>
    private static readonly string[] TopLevelSettings = ["urls", "environment", "DataDirectory"];

    /// <summary>Why <paramref name="args"/> cannot start a server, or null when they are settings only.</summary>
    public static string? Problem(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                return i == 0
                    ? $"Unknown command '{arg}'."
                    : $"Unexpected argument '{arg}': settings are given as --Section:Key=value.";
            var name = arg[2..];
            var equals = name.IndexOf('=');
            if (equals >= 0)
                name = name[..equals];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                i++; // --Section:Key value
            else
                return $"The option '{arg}' has no value: settings are given as --Section:Key=value.";
            if (!IsSetting(name))
                return $"Unknown option '--{name}'.";
        }
        return null;
    }

    private static bool IsSetting(string name) =>
        (name.Contains(':') && !name.StartsWith(':') && !name.EndsWith(':'))
        || TopLevelSettings.Contains(name, StringComparer.OrdinalIgnoreCase);
}
