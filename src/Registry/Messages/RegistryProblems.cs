using System.Collections;

namespace SpbeConnector.Registry.Messages;

/// <summary>
/// The problems found in one request, collected so that one answer names every problem. The admin API reads them as
/// English by field (<see cref="ToErrors"/>); the portal renders each in the user's language beside its field.
/// </summary>
public sealed class RegistryProblems : IReadOnlyList<RegistryProblem>
{
    private readonly List<RegistryProblem> _problems = [];

    public RegistryProblems()
    {
    }

    public RegistryProblems(IEnumerable<RegistryProblem> problems) => _problems.AddRange(problems);

    public int Count => _problems.Count;

    public RegistryProblem this[int index] => _problems[index];

    public RegistryProblems Add(string field, RegistryMessage message, params (string Name, object? Value)[] arguments)
    {
        _problems.Add(RegistryProblem.Of(field, message, arguments));
        return this;
    }

    /// <summary>A portal text key as the problem of <paramref name="field"/> (the portal's workflows).</summary>
    public RegistryProblems Add(string field, string key)
    {
        _problems.Add(RegistryProblem.OfKey(field, key));
        return this;
    }

    public RegistryProblems Add(IEnumerable<RegistryProblem> more)
    {
        _problems.AddRange(more);
        return this;
    }

    /// <summary>Whether a problem concerns <paramref name="field"/>.</summary>
    public bool Has(string field) => _problems.Any(p => p.Field == field);

    /// <summary>The problems' fields, each once.</summary>
    public IEnumerable<string> Fields => _problems.Select(p => p.Field).Distinct(StringComparer.Ordinal);

    /// <summary>English texts by field, in the order found: the <c>errors</c> member of the admin API's problem details.</summary>
    public Dictionary<string, string[]> ToErrors() =>
        _problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.English).ToArray(), StringComparer.Ordinal);

    public IEnumerator<RegistryProblem> GetEnumerator() => _problems.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
