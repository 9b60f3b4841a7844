namespace SpbeConnector.Policies.SchemaValidation.Contract;

/// <summary>
/// One segment of a path template: a literal (<c>permohonan</c>), or a variable with an optional literal prefix
/// and suffix (<c>{id}</c>, <c>{nama}.pdf</c>).
/// </summary>
internal readonly record struct PathSegment(string Prefix, string? Variable, string Suffix)
{
    public bool IsLiteral => Variable is null;

    /// <summary>How specific the segment is: literals first, then variables with affixes, then bare variables.</summary>
    public int Rank => Variable is null ? 0 : Prefix.Length + Suffix.Length > 0 ? 1 : 2;

    public bool Matches(ReadOnlySpan<char> segment) =>
        Variable is null
            ? segment.SequenceEqual(Prefix)
            : segment.Length > Prefix.Length + Suffix.Length && segment.StartsWith(Prefix, StringComparison.Ordinal) && segment.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The variable's part of a matching segment.</summary>
    public Range ValueOf(Range segment) => new(segment.Start.Value + Prefix.Length, segment.End.Value - Suffix.Length);
}
