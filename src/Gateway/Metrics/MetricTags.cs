namespace SpbeConnector.Gateway.Metrics;

/// <summary>The label values of one time series, kept in the order the instrument reports them.</summary>
internal sealed class MetricTags
{
    private readonly KeyValuePair<string, string>[] _tags;
    // The values as reported (strings, boxed status codes, ...): every measurement is matched against these with
    // Equals, so that a non-string value is not turned into a new string on each measurement of each request.
    private readonly object?[] _values;

    public MetricTags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _tags = new KeyValuePair<string, string>[tags.Length];
        _values = new object?[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            _tags[i] = new(tags[i].Key, tags[i].Value?.ToString() ?? "");
            _values[i] = tags[i].Value;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags;

    /// <summary>Compares against reported tags without allocating, for the look-up on every measurement.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_values.Length != tags.Length)
            return false;
        for (var i = 0; i < tags.Length; i++)
        {
            if (!string.Equals(_tags[i].Key, tags[i].Key, StringComparison.Ordinal) || !Equals(_values[i], tags[i].Value))
                return false;
        }
        return true;
    }

    /// <summary>A hash consistent with <see cref="Matches"/>: of the keys and of the values as reported.</summary>
    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = new HashCode();
        foreach (var tag in tags)
        {
            hash.Add(tag.Key);
            hash.Add(tag.Value);
        }
        return hash.ToHashCode();
    }
}
