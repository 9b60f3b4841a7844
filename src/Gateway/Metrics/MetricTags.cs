namespace SpbeConnector.Gateway.Metrics;

/// <summary>The label values of one time series, kept in the order the instrument reports them.</summary>
internal sealed class MetricTags
{
    private readonly KeyValuePair<string, string>[] _tags;

    public MetricTags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _tags = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
            _tags[i] = new(tags[i].Key, tags[i].Value?.ToString() ?? "");
    }

    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags;

    /// <summary>Compares against reported tags without allocating, for the look-up on every measurement.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_tags.Length != tags.Length)
            return false;
        for (var i = 0; i < tags.Length; i++)
        {
            var value = tags[i].Value as string ?? tags[i].Value?.ToString();
            if (_tags[i].Key != tags[i].Key || !string.Equals(_tags[i].Value, value, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = new HashCode();
        foreach (var tag in tags)
        {
            hash.Add(tag.Key);
            hash.Add(tag.Value as string ?? tag.Value?.ToString());
        }
        return hash.ToHashCode();
    }
}
