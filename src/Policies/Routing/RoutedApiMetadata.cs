using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SpbeConnector.Policies.Routing;

/// <summary>
/// The metadata of a route built from the registry: to YARP a dictionary of strings like any route's metadata (the
/// API's id and the build of its routes, which YARP compares to tell a changed route), and to the data-plane steps the
/// carrier of the API's compiled <see cref="RoutedApi"/>, found in a type test on the route in force.
/// </summary>
public sealed class RoutedApiMetadata : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _entries;

    internal RoutedApiMetadata(RoutedApi api)
    {
        Api = api;
        _entries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RouteMetadataKeys.ApiId] = api.IdText,
            [RouteMetadataKeys.Build] = api.BuildText,
        };
    }

    public RoutedApi Api { get; }

    public string this[string key] => _entries[key];
    public IEnumerable<string> Keys => _entries.Keys;
    public IEnumerable<string> Values => _entries.Values;
    public int Count => _entries.Count;
    public bool ContainsKey(string key) => _entries.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _entries.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
