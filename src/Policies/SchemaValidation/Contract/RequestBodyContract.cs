namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>The body an operation documents: whether it is required, and the media types it accepts.</summary>
internal sealed class RequestBodyContract(bool required, MediaTypeContract[] content)
{
    public bool Required { get; } = required;
    public MediaTypeContract[] Content { get; } = content;

    /// <summary>The documented media type a request's type falls under: the exact type first, then <c>type/*</c>, then <c>*/*</c>.</summary>
    public MediaTypeContract? Find(ReadOnlySpan<char> mediaType) => FindIn(Content, mediaType);

    internal static MediaTypeContract? FindIn(MediaTypeContract[] content, ReadOnlySpan<char> mediaType)
    {
        MediaTypeContract? range = null, any = null;
        var slash = mediaType.IndexOf('/');
        foreach (var candidate in content)
        {
            var documented = candidate.MediaType.AsSpan();
            if (documented.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
                return candidate;
            if (documented is "*/*")
                any = candidate;
            else if (slash > 0 && documented.EndsWith("/*") && documented[..^2].Equals(mediaType[..slash], StringComparison.OrdinalIgnoreCase))
                range = candidate;
        }
        return range ?? any;
    }
}
