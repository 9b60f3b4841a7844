namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>One documented response of an operation: the media types (and schemas) its body may have; none for a body-less response.</summary>
internal sealed class ResponseContract(MediaTypeContract[] content)
{
    public MediaTypeContract[] Content { get; } = content;

    public MediaTypeContract? Find(ReadOnlySpan<char> mediaType) => RequestBodyContract.FindIn(Content, mediaType);
}
