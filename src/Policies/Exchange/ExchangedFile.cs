namespace SpbeConnector.Policies.Exchange;

/// <summary>
/// A file carried by the exchange (a multipart file part, or a binary body): where it was in the request, what
/// the client declared it to be, its SHA-256 (Pasal 60 ayat (2) huruf d: a hash of every file, for the audit
/// record) and the virus scanner's verdict (ayat (3) huruf l). The content is a view of the buffered body.
/// </summary>
public sealed class ExchangedFile(string? field, string? fileName, string declaredType, ReadOnlyMemory<byte> content)
{
    /// <summary>The form field of a multipart part; null when the whole body is the file.</summary>
    public string? Field { get; } = field;

    /// <summary>The file name the client gave (already checked to be a plain name), if any.</summary>
    public string? FileName { get; } = fileName;

    /// <summary>The media type the client declared, lowercase.</summary>
    public string DeclaredType { get; } = declaredType;

    public ReadOnlyMemory<byte> Content { get; } = content;

    public long Length => Content.Length;

    /// <summary>Lowercase hex SHA-256 of the content, set by the file controls.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The scan verdict, set by the file controls: <c>clean</c>, <c>infected</c> or <c>not_scanned</c>.</summary>
    public string? ScanVerdict { get; set; }

    /// <summary>The location of the file in problems: <c>/body/{field}</c>, or <c>/body</c>.</summary>
    public string Location => Field is null ? "/body" : "/body/" + Registry.Contracts.JsonPointer.Escape(Field);
}
