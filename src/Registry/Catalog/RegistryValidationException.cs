using SpbeConnector.Registry.Messages;

namespace SpbeConnector.Registry.Catalog;

/// <summary>
/// Input that breaks a registry rule; each problem names its field, its message id and the message's arguments
/// (<see cref="Problems"/>, rendered by the portal in the user's language) and <see cref="Errors"/> gives them in
/// English by field (the admin API's answer).
/// </summary>
public sealed class RegistryValidationException(RegistryProblems problems)
    : Exception("The request breaks registry rules: " + string.Join("; ", problems.ToErrors().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    /// <summary>Problems given as portal text keys by field (the portal's own workflows).</summary>
    public RegistryValidationException(IDictionary<string, string[]> keys)
        : this(new RegistryProblems(keys.SelectMany(e => e.Value.Select(key => RegistryProblem.OfKey(e.Key, key)))))
    {
    }

    public RegistryProblems Problems { get; } = problems;

    public IDictionary<string, string[]> Errors { get; } = problems.ToErrors();
}
